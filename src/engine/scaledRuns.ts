import type { Font, Glyph, GlyphPosition } from 'fontkit';
import { treatEmbeddedFontClass, type FontPrototype } from './pdfkitFonts.js';
import { reuseKeptLayout, type KeptLayout, type ReusedLayout } from './wordLayouts.js';

/**
 * Shortcut: a kept word's positions scaled to PDF units once per face, not
 * once per document.
 *
 * Relies on (PDFKit 0.19.1): the class of the fonts PDFKit embeds, found
 * as pdfkitFonts.ts finds it, being what pdfmake measures and PDFKit
 * draws words with; `EmbeddedFont` getting each word's run through `layoutRun(text, features)`, which
 * asks fontkit for `font.layout(text, features)`, multiplies every field of
 * every position by the font's `scale` and sets each position's
 * `advanceWidth` to its glyph's `advanceWidth` times `scale`; and nothing in
 * PDFKit or pdfmake changing a run's positions after that (PDFKit copies the
 * last position of a word before adding word spacing to it, in `_fragment`;
 * pdfmake only reads widths). Works on the layouts wordLayouts.ts keeps, so
 * it needs that shortcut too.
 *
 * PDFKit lays out each word once per document and scales every position of
 * its run; with wordLayouts.ts the layout itself is kept across documents,
 * and its positions copied for each one only to be scaled again. Here the
 * scaled positions of a kept layout are kept with it, frozen, and handed to
 * every document: they depend only on the face, the word and the scale.
 * The glyph objects are still made for each document, as wordLayouts.ts
 * makes them, since PDFKit writes the characters they were made from into
 * the document (see sharedFace.ts). A word not kept, or not reusable in the
 * document, goes through PDFKit's own `layoutRun`.
 */

/** The parts of PDFKit's EmbeddedFont used here. */
interface EmbeddedFont {
  font: Font;
  scale: number;
  layoutRun(text: string, features?: unknown): PdfkitRun;
}

/** What PDFKit reads of a run once it has scaled it. */
interface PdfkitRun {
  glyphs: Glyph[];
  positions: readonly ScaledPosition[];
  readonly advanceWidth: number;
}

const SCALED = Symbol.for('letters.scaledRuns');

/** A kept layout's positions at one scale, as PDFKit's `layoutRun` leaves them. */
interface ScaledLayout {
  scale: number;
  positions: readonly ScaledPosition[];
  advanceWidth: number;
}

/** Kept with the layout they were scaled from, so they go when wordLayouts.ts lets it go. */
const scaledLayouts = new WeakMap<KeptLayout, ScaledLayout>();

/** Scales kept words in every font PDFKit opens from now on, once per thread. */
export function install(): void {
  treatEmbeddedFontClass(scaleKeptRuns);
}

/** Puts the kept scaled runs in PDFKit's EmbeddedFont `layoutRun`. */
function scaleKeptRuns(prototype: FontPrototype): void {
  const layoutRun = prototype.layoutRun as EmbeddedFont['layoutRun'];
  // Set once layoutRun is replaced: each copy of this module finds it, whichever installed it.
  if (prototype[SCALED]) return;
  prototype.layoutRun = function (this: EmbeddedFont, text: string, features?: unknown) {
    // PDFKit passes features only when a definition asks for them; wordLayouts.ts keeps no such layout.
    if (features === undefined) {
      const reused = reuseKeptLayout(this.font, text);
      if (reused !== undefined) return scaledRun(reused, this.scale);
    }
    return layoutRun.call(this, text, features);
  };
  prototype[SCALED] = true;
}

/** The run PDFKit's `layoutRun` would give for a reused layout. */
function scaledRun(reused: ReusedLayout, scale: number): PdfkitRun {
  let scaled = scaledLayouts.get(reused.kept);
  if (scaled === undefined || scaled.scale !== scale) {
    scaled = scaleLayout(reused, scale);
    scaledLayouts.set(reused.kept, scaled);
  }
  return new ScaledRun(reused.glyphs, scaled.positions, scaled.advanceWidth);
}

/** PDFKit's scaling, field by field, and fontkit's sum of the advances, done once. */
function scaleLayout({ kept, glyphs }: ReusedLayout, scale: number): ScaledLayout {
  const positions = Object.freeze(kept.positions.map((position, index) => Object.freeze(new ScaledPosition(position, glyphs[index]!.advanceWidth, scale))));
  let advanceWidth = 0;
  for (const position of positions) advanceWidth += position.xAdvance;
  return { scale, positions, advanceWidth };
}

/** A run as PDFKit's `layoutRun` leaves it; a class, so that PDFKit's hot loops see one shape. */
class ScaledRun implements PdfkitRun {
  constructor(
    readonly glyphs: Glyph[],
    readonly positions: readonly ScaledPosition[],
    readonly advanceWidth: number,
  ) {}
}

/** A position scaled as PDFKit scales fontkit's, with the glyph's width it adds, in its order. */
class ScaledPosition implements GlyphPosition {
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
  readonly advanceWidth: number;

  constructor(position: GlyphPosition, glyphAdvance: number, scale: number) {
    this.xAdvance = position.xAdvance * scale;
    this.yAdvance = position.yAdvance * scale;
    this.xOffset = position.xOffset * scale;
    this.yOffset = position.yOffset * scale;
    this.advanceWidth = glyphAdvance * scale;
  }
}
