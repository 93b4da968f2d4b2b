import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font, Glyph } from 'fontkit';
import { describe, expect, it, vi } from 'vitest';
import { fontFiles } from '../../src/writers/pdf/fonts.js';
import { keepGlyphMetrics } from '../../src/engine/glyphMetrics.js';
import { seededRandom } from '../validation/fuzz/random.js';

/**
 * Glyph metrics kept across documents (src/engine/glyphMetrics.ts) against
 * fontkit's own on a font parsed afresh for every document, as PDFKit works
 * without the shortcuts: for every face at once, in seeded documents that
 * each start with an empty glyph cache, each glyph's width, height and
 * bearings, and its characters and cache as fontkit leaves them.
 *
 * To see it fail: keep one map of metrics for all faces in `keptMetrics`
 * in place of one per face (the bold faces get the regular widths), or
 * keep the metrics under the glyph's first character rather than its id.
 */

// Each document parses the faces afresh: slow on a busy machine, and nothing here is timed.
vi.setConfig({ testTimeout: 120_000 });

// The fontkit PDFKit uses, as the writer loads it.
const require = createRequire(import.meta.url);
const fontkit = createRequire(createRequire(require.resolve('pdfmake')).resolve('pdfkit'))('fontkit') as { create(bytes: Buffer): Font };

interface Internals {
  _glyphs: Record<number, Glyph | undefined>;
  numGlyphs: number;
}

type MetricsGlyph = Glyph & { _getMetrics(): object };

/** What a glyph gives of its metrics, and the characters it keeps. */
function metricsOf(font: Font, id: number, codePoints: number[]): unknown {
  const glyph = font.getGlyph(id, codePoints) as MetricsGlyph;
  return { advanceWidth: glyph.advanceWidth, metrics: { ...glyph._getMetrics() }, codePoints: [...glyph.codePoints] };
}

describe('glyph metrics kept per face and glyph id', () => {
  const faces = fontFiles().map((file) => ({ name: file.split('/').at(-1)!, bytes: readFileSync(file) }));
  const kept = faces.map(({ bytes }) => {
    const font = fontkit.create(bytes);
    keepGlyphMetrics(font);
    return font;
  });

  it('gives every glyph of 30 seeded documents, in all four faces, the metrics fontkit gives on a fresh font', () => {
    const random = seededRandom(2018);
    for (let document = 0; document < 30; document += 1) {
      const plain = faces.map(({ bytes }) => fontkit.create(bytes));
      for (const font of kept) (font as unknown as Internals)._glyphs = {};
      for (let glyph = 0; glyph < 60; glyph += 1) {
        const face = random.below(faces.length);
        // Low ids (the letters' own characters) recur; the rest reach every glyph of the face.
        const id = random.below(2) === 0 ? random.below(120) : random.below((plain[face] as unknown as Internals).numGlyphs);
        const codePoints = [0x41 + random.below(40)];
        expect(metricsOf(kept[face]!, id, codePoints), `document ${document}, ${faces[face]!.name} glyph ${id}`).toEqual(metricsOf(plain[face]!, id, codePoints));
      }
      kept.forEach((font, face) => {
        const cache = (font as unknown as Internals)._glyphs;
        expect(Object.keys(cache), `document ${document}, ${faces[face]!.name}`).toEqual(Object.keys((plain[face] as unknown as Internals)._glyphs));
      });
    }
  });

  it('leaves the glyph cache of a face it starts keeping as it was', () => {
    const font = fontkit.create(faces[0]!.bytes);
    keepGlyphMetrics(font);
    expect((font as unknown as Internals)._glyphs).toEqual({});
  });
});
