import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font, Glyph } from 'fontkit';
import { describe, expect, it, vi } from 'vitest';
import { fontFiles } from '../../src/writers/pdf/fonts.js';
import { keepWordLayouts } from '../../src/engine/wordLayouts.js';
import { seededRandom } from '../validation/fuzz/random.js';

/**
 * Word layouts kept across documents (src/engine/wordLayouts.ts)
 * against fontkit's own `layout` on a font parsed afresh for every
 * document, as PDFKit does without the shortcut: the same glyphs, the same
 * characters on each glyph (PDFKit writes them into the PDF's text layer),
 * the same positions and widths, and the same glyph cache at the end of each
 * document.
 *
 * To see it fail: make `reusable()` return true (a word whose glyph was made
 * in this document from other characters is replayed, not laid out again:
 * with Roboto the replay happens to give the same run, so the test sees it
 * by which words fontkit was asked to lay out), or keep a layout even when
 * `keepable` is false (a later document makes the glyph from the wrong
 * characters), or stop `reuse()` from fetching the glyphs the layout fetched.
 */

// Each document parses a face afresh: slow on a busy machine, and nothing here is timed.
vi.setConfig({ testTimeout: 120_000 });

// The fontkit PDFKit uses, as the writer loads it.
const require = createRequire(import.meta.url);
const fontkit = createRequire(createRequire(require.resolve('pdfmake')).resolve('pdfkit'))('fontkit') as { create(bytes: Buffer): Font };

interface Internals {
  _glyphs: Record<number, Glyph | undefined>;
  layout(text: string, ...more: unknown[]): { glyphs: Glyph[]; positions: object[]; advanceWidth: number };
}

/** What PDFKit reads of a run: glyph ids, their characters, positions and width. */
function runOf(font: Font, word: string): unknown {
  const run = (font as unknown as Internals).layout(word);
  return {
    glyphs: run.glyphs.map((glyph) => [glyph.id, [...glyph.codePoints]]),
    positions: run.positions.map((position) => ({ ...position })),
    advanceWidth: run.advanceWidth,
  };
}

/** The glyphs made so far in this document, with their characters. */
function glyphCache(font: Font): [string, number[]][] {
  return Object.entries((font as unknown as Internals)._glyphs).map(([id, glyph]) => [id, [...glyph!.codePoints]]);
}

/**
 * Words that share glyphs between characters (Roboto draws U+0394 and
 * U+2206 alike, and U+03A9 and U+2126), ligatures, kerning pairs, accents
 * and the punctuation of the letters.
 */
const WORDS = ['Δelta', '∆elta', 'Δ', '∆', 'Ω', 'Ω', 'Ωmega', 'Ωhm', 'office', 'fluffy', 'AVATAR', 'To', 'Ty', 'Môn', '“Isle”', '–', '69%', 'Council', 'council', 'the', 'Ombudsman', '2020/21', 'fi', 'ffl'];

describe.each(fontFiles().map((file) => [file.split('/').at(-1)!, file] as const))('%s', (_name, file) => {
  const bytes = readFileSync(file);

  it('lays out every word of 80 seeded documents as fontkit does on a fresh font', () => {
    const kept = fontkit.create(bytes);
    keepWordLayouts(kept);
    const random = seededRandom(2004);
    for (let document = 0; document < 80; document += 1) {
      // Each document opens the face afresh: sharedFace.ts empties the glyph cache, PDFKit without it parses the file again.
      (kept as unknown as Internals)._glyphs = {};
      const plain = fontkit.create(bytes);
      for (let word = 0; word < 1 + random.below(12); word += 1) {
        const text = random.pick(WORDS);
        expect(runOf(kept, text), `document ${document}, "${text}"`).toEqual(runOf(plain, text));
      }
      expect(glyphCache(kept), `document ${document}`).toEqual(glyphCache(plain));
    }
  });

  /** A font with kept word layouts, whose `document(words)` lays out the words as one document, checks them against fontkit on a fresh font and says which words fontkit laid out. */
  function keptFont() {
    const kept = fontkit.create(bytes);
    const internals = kept as unknown as Internals;
    const layout = internals.layout;
    const laidOut: string[] = [];
    internals.layout = function (this: Font, text: string, ...more: unknown[]) {
      laidOut.push(text);
      return layout.call(this, text, ...more);
    };
    keepWordLayouts(kept);
    return (words: string[]) => {
      internals._glyphs = {};
      laidOut.length = 0;
      const plain = fontkit.create(bytes);
      for (const word of words) expect(runOf(kept, word), word).toEqual(runOf(plain, word));
      expect(glyphCache(kept)).toEqual(glyphCache(plain));
      return [...laidOut];
    };
  }

  it('lays a word out afresh when a glyph it uses was made in this document from other characters', () => {
    const document = keptFont();
    expect(document(['Δelta'])).toEqual(['Δelta']);
    // Kept: the next document gets it without laying it out.
    expect(document(['Δelta'])).toEqual([]);
    // ∆ (U+2206) first makes the glyph Δelta uses with other characters: Δelta must be laid out again.
    expect(document(['∆', 'Δelta'])).toEqual(['∆', 'Δelta']);
    expect(document(['∆', 'Δelta'])).toEqual(['Δelta']);
  });

  it('keeps no layout made with a glyph made earlier from other characters', () => {
    const document = keptFont();
    expect(document(['∆', 'Δelta'])).toEqual(['∆', 'Δelta']);
    // Had it kept that layout, this document would make the glyph from U+2206, not U+0394.
    expect(document(['Δelta'])).toEqual(['Δelta']);
    expect(document(['Δelta'])).toEqual([]);
  });
});
