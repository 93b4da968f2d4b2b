import { treatEmbeddedFontClass, type FontPrototype } from './pdfkitFonts.js';

/**
 * Shortcut: PDFKit's cutting of a string into words, without its
 * per-character work.
 *
 * Relies on (PDFKit 0.19.1): the class of the fonts PDFKit embeds, found as
 * pdfkitFonts.ts finds it, and its `layout(text, features, onlyWidth)`:
 * with features, the run of `layoutRun(text, features)`; without, the text
 * cut after each space or tab (and at its end), each piece's run from
 * `layoutCached(piece)` in order, their glyphs and positions concatenated
 * into new arrays unless `onlyWidth`, and their `advanceWidth`s summed from
 * 0 in order. pdfmake measures every word it lays out through
 * `widthOfString`, which is this `layout`, and PDFKit draws every word
 * through it too.
 *
 * PDFKit walks the string one character at a time, taking each with
 * `charAt` and looking it up in a new two-element array; here the same
 * pieces are cut by character code, and the same runs asked for in the
 * same order, summed in the same order, so the widths and the bytes are
 * the same.
 */

/** The parts of PDFKit's EmbeddedFont used here. */
interface EmbeddedFont {
  layoutRun(text: string, features?: unknown): Run;
  layoutCached(text: string): Run;
  layout(text: string, features?: unknown, onlyWidth?: boolean): Layout;
}

interface Run {
  glyphs: unknown[];
  positions: unknown[];
  readonly advanceWidth: number;
}

interface Layout {
  glyphs: unknown[] | null;
  positions: unknown[] | null;
  advanceWidth: number;
}

const SPACE = 0x20;
const TAB = 0x09;

/** Set once `layout` is replaced: each copy of this module finds it, whichever installed it. */
const CUTTING = Symbol.for('letters.wordCuts');

/** Cuts words by character code in every font PDFKit embeds from now on, once per thread. */
export function install(): void {
  treatEmbeddedFontClass(cutWords);
}

function cutWords(prototype: FontPrototype): void {
  if (prototype[CUTTING]) return;
  const layout = prototype.layout as EmbeddedFont['layout'];
  prototype.layout = function (this: EmbeddedFont, text: string, features?: unknown, onlyWidth?: boolean): Layout {
    if (typeof text !== 'string') return layout.call(this, text, features, onlyWidth);
    return features ? this.layoutRun(text, features) : cutLayout(this, text, onlyWidth);
  };
  prototype[CUTTING] = true;
}

/** PDFKit's `layout` without features: the text cut after each space or tab, each piece laid out (or taken from the document's cache) in order. */
export function cutLayout(font: Pick<EmbeddedFont, 'layoutCached'>, text: string, onlyWidth?: boolean): Layout {
  let glyphs: unknown[] | null = onlyWidth ? null : [];
  let positions: unknown[] | null = onlyWidth ? null : [];
  let advanceWidth = 0;
  let last = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const end = index === text.length;
    if (end ? last < index : isCut(text.charCodeAt(index))) {
      const run = font.layoutCached(text.slice(last, index + 1));
      if (!onlyWidth) {
        glyphs = glyphs!.concat(run.glyphs);
        positions = positions!.concat(run.positions);
      }
      advanceWidth += run.advanceWidth;
      last = index + 1;
    }
  }
  return { glyphs, positions, advanceWidth };
}

function isCut(code: number): boolean {
  return code === SPACE || code === TAB;
}
