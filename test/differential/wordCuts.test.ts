import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fontFiles } from '../../src/writers/pdf/fonts.js';
import { cutLayout } from '../../src/engine/wordCuts.js';
import { seededRandom } from '../validation/fuzz/random.js';

/**
 * The word cutting of src/engine/wordCuts.ts against PDFKit's own
 * `EmbeddedFont.layout`, on seeded strings of letters, spaces, tabs,
 * newlines and characters outside the BMP: the same pieces asked for, in
 * the same order, the same glyphs and positions in new arrays, and the
 * same width to the last bit.
 *
 * To see it fail: cut at spaces only, not tabs, in `isCut` (strings with
 * tabs are cut into other pieces), or hand back the run's own arrays when
 * the text is one piece (PDFKit's are new arrays, which `_fragment`
 * changes when it adds word spacing).
 */

interface Run {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}

type Layout = (this: unknown, text: string, features?: unknown, onlyWidth?: boolean) => { glyphs: unknown[] | null; positions: unknown[] | null; advanceWidth: number };

// PDFKit's EmbeddedFont, as pdfmake loads PDFKit, from a document that embeds a face.
const require = createRequire(import.meta.url);
const PDFDocument = createRequire(require.resolve('pdfmake'))('pdfkit') as new () => { font(bytes: Buffer): { _font: object } };
const embedded = Object.getPrototypeOf(new PDFDocument().font(readFileSync(fontFiles()[0]!))._font) as { layout: Layout };

/** A font whose runs are made up from the piece, and which records the pieces it is asked for and the runs it gave. */
function recordingFont() {
  const pieces: string[] = [];
  const runs: Run[] = [];
  return {
    pieces,
    runs,
    layoutCached(piece: string): Run {
      pieces.push(piece);
      const run = { glyphs: [...piece].map((character) => character.codePointAt(0)), positions: [...piece].map((_, index) => ({ xAdvance: index / 3 })), advanceWidth: piece.length / 7 + 0.1 };
      runs.push(run);
      return run;
    },
  };
}

const PARTS = ['a', 'b', 'word', ' ', ' ', '\t', '\n', 'é', '😀', '  '];

describe('cutting a string into words', () => {
  it("is compared with PDFKit's own layout", () => {
    expect(Object.hasOwn(embedded, Symbol.for('letters.wordCuts'))).toBe(false);
  });

  it('asks for the pieces PDFKit asks for, in its order, and gives its glyphs, positions and width', () => {
    const random = seededRandom(2020);
    const texts = ['', ' ', '\t', 'word', 'word ', ' word', 'two words', ...Array.from({ length: 500 }, () => Array.from({ length: random.below(10) }, () => random.pick(PARTS)).join(''))];
    for (const text of texts) {
      for (const onlyWidth of [true, false, undefined]) {
        const [ours, theirs] = [recordingFont(), recordingFont()];
        const cut = cutLayout(ours, text, onlyWidth);
        const plain = embedded.layout.call(theirs, text, undefined, onlyWidth);
        expect(ours.pieces, JSON.stringify(text)).toEqual(theirs.pieces);
        expect(cut, JSON.stringify(text)).toEqual(plain);
        expect(Object.is(cut.advanceWidth, plain.advanceWidth)).toBe(true);
        for (const run of ours.runs) {
          expect(cut.glyphs).not.toBe(run.glyphs);
          expect(cut.positions).not.toBe(run.positions);
        }
      }
    }
  });
});
