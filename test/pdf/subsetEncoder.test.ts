import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { fontFiles } from '../../src/writers/pdf/fonts.js';
import { encodeSubsetsFast, type SubsetFont } from '../../src/engine/subsetEncoder.js';

/**
 * The subset encoder (src/engine/subsetEncoder.ts) against fontkit's own
 * encoder: the same bytes for any set of glyphs. To see it fail: write
 * more glyphs into `maxp` than the subset has for larger subsets
 * (`Math.max(glyf.length, 44)`), or count the subset's glyphs once before
 * the loop in `encodeSubset` (compound glyphs add their parts as they are
 * met; the check at set-up then refuses the encoder).
 */

// fontkit encodes every subset it is compared with: slow on a busy machine, and nothing here is timed.
vi.setConfig({ testTimeout: 60_000 });

// The fontkit PDFKit uses, as the writer loads it.
const require = createRequire(import.meta.url);
const fontkit = createRequire(createRequire(require.resolve('pdfmake')).resolve('pdfkit'))('fontkit') as { create(bytes: Buffer): SubsetFont };

/** A seeded sequence, so every run tries the same glyph sets. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function encode(font: SubsetFont, ids: number[]): Buffer {
  const subset = font.createSubset();
  for (const id of ids) subset.includeGlyph(id);
  return Buffer.from(subset.encode());
}

describe('TrueType subsets, encoded from kept glyphs and tables', () => {
  for (const file of fontFiles()) {
    const bytes = readFileSync(file);
    const theirs = fontkit.create(bytes);
    const ours = fontkit.create(bytes);
    encodeSubsetsFast(ours);
    const name = file.split('/').at(-1);

    it(`${name}: the same bytes as fontkit for glyph sets in any order, compound glyphs included`, () => {
      const next = random(name!.length);
      const compound = Array.from({ length: theirs.numGlyphs }, (_, id) => id).filter((id) => (theirs.getGlyph(id)._decode()?.numberOfContours ?? 0) < 0);
      expect(compound.length).toBeGreaterThan(0);
      const sets = [[], [3], compound.slice(0, 20), Array.from({ length: theirs.numGlyphs }, (_, id) => id)];
      for (let round = 0; round < 30; round += 1) {
        sets.push(Array.from({ length: 1 + Math.floor(next() * 120) }, () => Math.floor(next() * theirs.numGlyphs)));
      }
      for (const ids of sets) expect(encode(ours, ids).equals(encode(theirs, ids))).toBe(true);
    });

    it(`${name}: a subset made again after others gives the same bytes (nothing carried over)`, () => {
      const ids = [compoundAfter(theirs, 200), 40, 41, 300, 40];
      const first = encode(ours, ids);
      encode(ours, [500, 501, compoundAfter(theirs, 600)]);
      expect(encode(ours, ids).equals(first)).toBe(true);
      expect(first.equals(encode(theirs, ids))).toBe(true);
    });
  }

  it('refuses a fontkit whose subsets come out differently', () => {
    const font = fontkit.create(readFileSync(fontFiles()[0]!));
    const createSubset = font.createSubset;
    // A fontkit that, say, pads its tables: not what this encoder writes.
    font.createSubset = function () {
      const subset = createSubset.call(this);
      const encode = subset.encode;
      subset.encode = () => Buffer.concat([Buffer.from(encode.call(subset)), Buffer.alloc(2)]);
      return subset;
    };
    expect(() => encodeSubsetsFast(font)).toThrow('fontkit encodes TrueType subsets differently from the version src/engine/subsetEncoder.ts was made for (fontkit 2.0.4)');
  });
});

function compoundAfter(font: SubsetFont, start: number): number {
  for (let id = start; id < font.numGlyphs; id += 1) if ((font.getGlyph(id)._decode()?.numberOfContours ?? 0) < 0) return id;
  throw new Error(`no compound glyph after ${start}`);
}
