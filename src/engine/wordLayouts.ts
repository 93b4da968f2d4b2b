import type { Font, Glyph, GlyphPosition } from 'fontkit';
import { LruCache } from '../lruCache.js';
import { treatEachSharedFace } from './sharedFace.js';

/**
 * Shortcut: word layouts kept across the PDFs a thread prints with one face.
 *
 * Relies on (fontkit 2.0.4): `font.layout(text)` being what PDFKit 0.19.1
 * calls for every word (with no features when the definition asks for
 * none), every glyph being fetched through `font.getGlyph(id, codePoints)`,
 * the glyph cache in `font._glyphs`, and a GlyphRun's `glyphs`, `positions`
 * and `advanceWidth` being all PDFKit reads of a run. Works on the faces
 * sharedFace.ts shares, so it needs that shortcut too.
 *
 * PDFKit
 * lays out every word of a document with fontkit (its OpenType substitution
 * and positioning lookups) and keeps the result for that document only;
 * most words recur in every letter, so here the first layout of a word is
 * kept for every later document.
 *
 * A kept layout must give the bytes a fresh layout would. Its glyph ids and
 * positions depend only on the word and the font, with one exception:
 * fontkit keeps each glyph object with the characters it was first fetched
 * for (in `_glyphs`), shaping reads those characters, and PDFKit writes them
 * into the PDF's text layer (ToUnicode). Each document starts with an empty
 * glyph cache (see sharedFace.ts), and so a layout records every glyph it
 * fetched with the characters of the object it got. It is reused only where
 * each of those glyphs is either not made yet or made from the same
 * characters, so shaping would see exactly what it saw; the glyph objects it
 * would have made are then made, from the same characters.
 */

/** The fontkit internals relied on: its glyph cache, and the one method every glyph is fetched through. */
interface FontInternals {
  _glyphs: Record<number, Glyph | undefined>;
  getGlyph(id: number, codePoints?: number[]): Glyph;
  layout(text: string, features?: unknown, ...more: unknown[]): Run;
}

/** What PDFKit reads of a laid-out run; it scales the positions in place. */
interface Run {
  glyphs: Glyph[];
  positions: GlyphPosition[];
  readonly advanceWidth: number;
}

/** A word's layout as kept: the same object for as long as the word is kept. */
export interface KeptLayout {
  readonly glyphs: readonly number[];
  /** fontkit's own values, copied for every use. */
  readonly positions: readonly GlyphPosition[];
  /** Every glyph the layout fetched, and the characters of the glyph object it got (at the same index). */
  readonly fetchedIds: readonly number[];
  readonly fetchedCodePoints: readonly number[][];
}

/** A kept layout reused in the current document: its glyph objects, made for this document, and the kept layout. */
export interface ReusedLayout {
  glyphs: Glyph[];
  kept: KeptLayout;
}

/** Per face with kept layouts: the kept layout of a word, with this document's glyph objects made for it, wherever `layout` would reuse it. */
const reusers = new WeakMap<Font, (text: string) => ReusedLayout | undefined>();

/**
 * The word's kept layout with its glyph objects made for the current
 * document, exactly as `layout(text)` would make them in reusing it;
 * undefined where `layout` would lay the word out (not kept yet, or not
 * reusable in this document), or where the face keeps no layouts.
 */
export function reuseKeptLayout(font: Font, text: string): ReusedLayout | undefined {
  return reusers.get(font)?.(text);
}

/**
 * The letters' own words number about a thousand a face, and each letter
 * adds two or three (names, figures); about half a kilobyte each. Beyond
 * this many the least recently used go first, so a thread's memory stays
 * bounded and the words every letter uses stay.
 */
const MAX_KEPT = 10_000;

/** Keeps the word layouts of every face shared from now on (sharedFace.ts), once per thread. */
export function install(): void {
  treatEachSharedFace(keepWordLayouts);
}

export function keepWordLayouts(font: Font): void {
  const internals = font as unknown as FontInternals;
  const layout = internals.layout.bind(font);
  const getGlyph = internals.getGlyph.bind(font);
  const kept = new LruCache<string, KeptLayout>(MAX_KEPT);
  let fetched: Map<number, number[]> | undefined;
  let keepable = true;

  internals.getGlyph = (id, codePoints = []) => {
    const existed = internals._glyphs[id] !== undefined;
    const glyph = getGlyph(id, codePoints);
    if (fetched && glyph && !fetched.has(id)) {
      fetched.set(id, glyph.codePoints);
      // Made earlier from other characters: in a document without that, shaping would see other characters.
      if (existed && !sameCodePoints(glyph.codePoints, codePoints)) keepable = false;
    }
    return glyph;
  };

  internals.layout = (text, features, ...more) => {
    // PDFKit passes features only when a definition asks for them; the letters never do.
    if (features !== undefined || more.length > 0) return layout(text, features, ...more);
    const known = kept.get(text);
    if (known === undefined) return learn(text);
    return reusable(known) ? reuse(known) : layout(text);
  };

  function learn(text: string): Run {
    const seen = new Map<number, number[]>();
    fetched = seen;
    keepable = true;
    let run: Run;
    try {
      run = layout(text);
    } finally {
      fetched = undefined;
    }
    if (keepable) {
      kept.set(text, {
        glyphs: run.glyphs.map((glyph) => glyph.id),
        positions: run.positions.map((position) => new Position(position)),
        fetchedIds: [...seen.keys()],
        fetchedCodePoints: [...seen.values()],
      });
    }
    return run;
  }

  function reusable(known: KeptLayout): boolean {
    const { fetchedIds, fetchedCodePoints } = known;
    for (let index = 0; index < fetchedIds.length; index += 1) {
      const glyph = internals._glyphs[fetchedIds[index]!];
      if (glyph !== undefined && !sameCodePoints(glyph.codePoints, fetchedCodePoints[index]!)) return false;
    }
    return true;
  }

  /** The glyph objects shaping would have made, from the same characters, and the run's glyphs. */
  function glyphsOf(known: KeptLayout): Glyph[] {
    const { fetchedIds, fetchedCodePoints } = known;
    for (let index = 0; index < fetchedIds.length; index += 1) getGlyph(fetchedIds[index]!, fetchedCodePoints[index]);
    return known.glyphs.map((id) => getGlyph(id));
  }

  function reuse(known: KeptLayout): Run {
    return new KeptRun(
      glyphsOf(known),
      known.positions.map((position) => new Position(position)),
    );
  }

  reusers.set(font, (text) => {
    const known = kept.get(text);
    return known !== undefined && reusable(known) ? { glyphs: glyphsOf(known), kept: known } : undefined;
  });
}

/** A run as fontkit's GlyphRun gives it to PDFKit; a class, so that PDFKit's hot loops see one shape. */
class KeptRun implements Run {
  constructor(
    readonly glyphs: Glyph[],
    readonly positions: GlyphPosition[],
  ) {}

  /** Summed as fontkit sums it, after PDFKit has scaled the positions. */
  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

/** fontkit's GlyphPosition fields, in its order (PDFKit scales every field it finds). */
class Position implements GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;

  constructor(position: GlyphPosition) {
    this.xAdvance = position.xAdvance;
    this.yAdvance = position.yAdvance;
    this.xOffset = position.xOffset;
    this.yOffset = position.yOffset;
  }
}

function sameCodePoints(a: number[], b: number[]): boolean {
  // A glyph object made from a kept layout holds the kept array itself.
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}
