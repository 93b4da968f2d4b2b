import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Glyph } from 'fontkit';
import { describe, expect, it, vi } from 'vitest';
import { fontFiles } from '../../src/writers/pdf/fonts.js';
import * as scaledRuns from '../../src/engine/scaledRuns.js';
import * as sharedFace from '../../src/engine/sharedFace.js';
import * as wordLayouts from '../../src/engine/wordLayouts.js';
import { seededRandom } from '../validation/fuzz/random.js';

/**
 * Scaled runs kept across documents (src/engine/scaledRuns.ts) against
 * PDFKit's own `layoutRun` on a font parsed afresh for every document, as
 * PDFKit works without the shortcuts: each document's runs (glyph ids, the
 * characters on each glyph, positions, widths) and the PDF's bytes, with
 * words drawn with word spacing and justified between the documents, and
 * the glyph objects handed to PDFKit being the document's own.
 *
 * The word spacing matters because PDFKit changes a copy of a word's last
 * position there: were it to change the kept one, later documents would
 * differ.
 *
 * To see it fail: set each kept position's `advanceWidth` from its own
 * `xAdvance` instead of its glyph's width in `ScaledPosition` (kerned pairs
 * such as "AV" and "To" come out different, in the runs and in the drawn
 * text), or keep the glyph objects of the document that first scaled a run
 * with its positions and hand those out (a later document is handed glyph
 * objects that are not in its glyph cache).
 */

// Each document parses a face afresh: slow on a busy machine, and nothing here is timed.
vi.setConfig({ testTimeout: 120_000 });

interface FontInternals {
  _glyphs: Record<number, Glyph | undefined>;
}

/** The parts of PDFKit's EmbeddedFont read here. */
interface EmbeddedFont {
  font: FontInternals;
  layout(text: string): { glyphs: Glyph[]; positions: object[]; advanceWidth: number };
  widthOfString(text: string, size: number): number;
}

interface PdfkitDocument {
  _font: EmbeddedFont;
  font(source: Buffer): PdfkitDocument;
  fontSize(size: number): PdfkitDocument;
  text(text: string, options?: object): PdfkitDocument;
  on(event: string, listener: (chunk: Buffer) => void): void;
  end(): void;
}

// PDFKit as pdfmake loads it.
const require = createRequire(import.meta.url);
const PDFDocument = createRequire(require.resolve('pdfmake'))('pdfkit') as new (options: object) => PdfkitDocument;

sharedFace.install();
wordLayouts.install();
scaledRuns.install();

/** What PDFKit reads of a word's runs: glyph ids with their characters, positions and widths. */
function runOf(font: EmbeddedFont, text: string): unknown {
  const run = font.layout(text);
  return {
    glyphs: run.glyphs.map((glyph) => [glyph.id, [...glyph.codePoints]]),
    positions: run.positions.map((position) => ({ ...position })),
    advanceWidth: run.advanceWidth,
    width: font.widthOfString(text, 11),
  };
}

/**
 * Words that share glyphs between characters (Roboto draws U+0394 and
 * U+2206 alike), ligatures, kerning pairs, accents, the punctuation of the
 * letters, and phrases PDFKit cuts after each space.
 */
const WORDS = ['Δelta', '∆elta', 'Δ', '∆', 'office ', 'fluffy', 'AVATAR ', 'To', 'Ty', 'Môn', '“Isle”', '–', '69% ', 'Local Government and Social Care Ombudsman', 'the ', '2020/21', 'ffl'];

/** Draws the words as one document and gives its runs and its bytes. */
async function printed(source: Buffer, words: string[], options: object): Promise<{ runs: unknown[]; bytes: Buffer; own: boolean; frozen: number }> {
  const document = new PDFDocument({ info: { CreationDate: new Date(Date.UTC(2024, 6, 1)) } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk) => chunks.push(chunk));
  const ended = new Promise((resolve) => document.on('end', resolve as () => void));
  document.font(source).fontSize(11);
  const font = document._font;
  const runs = words.map((word) => runOf(font, word));
  // Every glyph object PDFKit was handed is one of this document's.
  const own = words.every((word) => font.layout(word).glyphs.every((glyph) => font.font._glyphs[glyph.id] === glyph));
  const frozen = words.filter((word) => font.layout(word).positions.every((position) => Object.isFrozen(position))).length;
  document.text(words.join(' '), options);
  document.end();
  await ended;
  return { runs, bytes: Buffer.concat(chunks), own, frozen };
}

describe.each(fontFiles().map((file) => [file.split('/').at(-1)!, file] as const))('%s', (name, file) => {
  const bytes = readFileSync(file);
  const { source } = sharedFace.shareFace(name, bytes);

  it('gives every document of 40 seeded ones the runs and bytes PDFKit gives on a fresh font', async () => {
    const random = seededRandom(2019);
    let kept = 0;
    for (let index = 0; index < 40; index += 1) {
      const words = Array.from({ length: 1 + random.below(14) }, () => random.pick(WORDS));
      // Every third document spaces its words out, as justified text and word spacing do.
      const options = index % 3 === 2 ? { width: 300, align: 'justify', wordSpacing: 2 } : { width: 300 };
      const ours = await printed(source, words, options);
      const theirs = await printed(bytes, words, options);
      expect(ours.runs, `document ${index}: ${words.join('|')}`).toEqual(theirs.runs);
      expect(ours.bytes.equals(theirs.bytes), `document ${index}: the bytes`).toBe(true);
      expect(ours.own, `document ${index}: glyph objects of another document`).toBe(true);
      kept += ours.frozen;
    }
    // The kept runs were used: most words recur from earlier documents.
    expect(kept).toBeGreaterThan(100);
  });
});
