import type { Font } from 'fontkit';
import { treatEachSharedFace } from './sharedFace.js';

/**
 * Shortcut: each glyph's metrics read from the font once per face, not once
 * per document.
 *
 * Relies on (fontkit 2.0.4): a glyph object's `advanceWidth` (and its other
 * metrics) coming from `_getMetrics()`, which reads the glyph's header in
 * `glyf` and its entry in `hmtx` and keeps the result in `_metrics`; every
 * glyph object of a TrueType face being of one class, whose prototype's
 * `_getMetrics` is replaced here; the result depending only on the face and
 * the glyph id where the face has no variations (`_variationProcessor`),
 * and nothing changing it afterwards but the variation code. Works on the
 * faces sharedFace.ts shares, so it needs that shortcut too.
 *
 * Each document makes its glyph objects afresh (see sharedFace.ts: they
 * keep the characters they were first made for, which PDFKit writes into
 * the document), and PDFKit asks every glyph it draws for its width, so
 * fontkit decoded the same metrics, through restructure, in every letter.
 * Here the metrics a glyph of a shared face gets are kept, frozen, and every
 * later glyph object of that face and id is given them.
 */

/** The parts of a fontkit glyph used here. */
interface MetricsGlyph {
  id: number;
  _font: Font;
  _metrics?: Metrics | null;
  _getMetrics(...args: unknown[]): Metrics;
}

interface GlyphPrototype {
  _getMetrics(this: MetricsGlyph, ...args: unknown[]): Metrics;
  /** Set once `_getMetrics` is replaced: each copy of this module finds it, whichever installed it. */
  [KEEPING]?: true;
}

/** What fontkit gives for a glyph's metrics. */
export interface Metrics {
  readonly advanceWidth: number;
  readonly advanceHeight: number;
  readonly leftBearing: number;
  readonly topBearing: number;
}

const KEEPING = Symbol.for('letters.glyphMetrics');

/** Per shared face without variations: the metrics of each glyph id met so far. */
const keptMetrics = new WeakMap<Font, Map<number, Metrics>>();

/** Keeps the glyph metrics of every face shared from now on (sharedFace.ts), once per thread. */
export function install(): void {
  treatEachSharedFace(keepGlyphMetrics);
}

/** Keeps the metrics of the face's glyphs across documents; a face with variations keeps fontkit's. */
export function keepGlyphMetrics(font: Font): void {
  if ((font as unknown as { _variationProcessor?: unknown })._variationProcessor) return;
  // A glyph object only to find the class: the face's glyph cache is left as it was.
  const cache = (font as unknown as { _glyphs: Record<number, unknown> })._glyphs;
  const made = cache[0] !== undefined;
  keepMetricsOf(Object.getPrototypeOf(font.getGlyph(0)) as GlyphPrototype);
  if (!made) delete cache[0];
  keptMetrics.set(font, new Map());
}

/** Puts the kept metrics in the glyph class's `_getMetrics`; glyphs of faces not kept get fontkit's. */
function keepMetricsOf(prototype: GlyphPrototype): void {
  if (prototype[KEEPING]) return;
  const getMetrics = prototype._getMetrics;
  prototype._getMetrics = function (this: MetricsGlyph, ...args: unknown[]) {
    if (this._metrics) return this._metrics;
    const kept = keptMetrics.get(this._font);
    if (kept === undefined) return getMetrics.apply(this, args);
    let metrics = kept.get(this.id);
    if (metrics === undefined) {
      metrics = Object.freeze(getMetrics.apply(this, args));
      kept.set(this.id, metrics);
    }
    this._metrics = metrics;
    return metrics;
  };
  prototype[KEEPING] = true;
}
