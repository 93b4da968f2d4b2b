import type { Font } from 'fontkit';
import { treatEachSharedFace } from './sharedFace.js';

/**
 * Shortcut: the TrueType subset PDFKit embeds in every document, encoded
 * faster and to the same bytes as fontkit's own encoder (fontkit 2.0.4,
 * `TTFSubset`).
 *
 * Relies on (fontkit 2.0.4): `font.createSubset()` being how PDFKit 0.19.1
 * makes a document's subset and `subset.encode()` how it gets its bytes;
 * a subset's `glyphs` and `includeGlyph`; `font.loca`, `font.directory`,
 * `font._getTableStream('glyf')`, and a glyph's `_decode()`, `_getMetrics()`
 * and `advanceWidth`; and the table order, directory and glyph-count
 * offsets fontkit writes (checked against fontkit's own bytes on install).
 * Works on the faces sharedFace.ts shares, so it needs that shortcut too.
 *
 * fontkit decodes every glyph it puts into a subset, outline and all, and
 * writes the tables through restructure one number at a time, the font's
 * hinting programs (`fpgm`, `prep` and `cvt `) included, for each face of
 * each letter. Here each glyph's bytes and
 * metrics are read once per face and kept, the tables that never change are
 * copied from a subset of a few glyphs that fontkit encodes when the face is
 * set up, and only `loca`, `glyf`, `hmtx` and the glyph counts in `hhea` and
 * `maxp` are written per document. That same subset (simple, empty and
 * compound glyphs) checks this encoder against fontkit's: should a fontkit
 * release write subsets differently, it fails loudly instead.
 */

/** The parts of a fontkit TrueType font used here. */
export interface SubsetFont {
  createSubset(): Subset;
  getGlyph(id: number): FontGlyph;
  numGlyphs: number;
  loca?: { offsets: number[]; version: number };
  directory: { tables: Record<string, unknown> };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  _variationProcessor?: unknown;
}

interface FontGlyph {
  advanceWidth: number;
  _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
  _getMetrics(): { leftBearing: number };
}

/** A fontkit subset: the glyphs in the order they were first used, the missing glyph first. */
export interface Subset {
  glyphs: number[];
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
}

/** What a subset needs of one glyph: the same for every document. */
interface GlyphEntry {
  bytes: Uint8Array;
  /** A compound glyph's parts: their glyph ids are rewritten to the subset's at these byte positions. */
  components?: { glyphID: number; pos: number }[];
  advance: number;
  bearing: number;
}

/** One table of a subset fontkit encoded: its bytes are kept where they do not depend on the glyphs. */
interface SubsetTable {
  tag: string;
  bytes: Uint8Array;
}

/** Byte offsets of the glyph counts fontkit sets in a subset's copies of these tables. */
const NUMBER_OF_METRICS_AT = 34; // hhea.numberOfMetrics
const NUM_GLYPHS_AT = 4; // maxp.numGlyphs

/** Gives every face shared from now on (sharedFace.ts) the faster encoder, once per thread. */
export function install(): void {
  treatEachSharedFace(encodeWithShortcut);
}

function encodeWithShortcut(font: Font): void {
  encodeSubsetsFast(font as unknown as SubsetFont);
}

/**
 * Gives the face's subsets the faster encoder. Only for a static TrueType
 * face (no CFF outlines, no variations): other faces keep fontkit's.
 */
export function encodeSubsetsFast(font: SubsetFont): void {
  if (font.directory.tables['CFF '] || font.directory.tables.CFF2 || font._variationProcessor || !font.loca) return;
  const createSubset = font.createSubset;
  // fontkit's own subset of a few glyphs: the tables that never change are
  // copied from it, and the encoder here must give its bytes exactly.
  const [theirs, ours] = [createSubset.call(font), createSubset.call(font)];
  for (const id of sampleGlyphs(font)) [theirs, ours].forEach((subset) => subset.includeGlyph(id));
  const expected = theirs.encode();
  const tables = subsetTables(expected);
  const glyphs = new Map<number, GlyphEntry>();
  const entry = (id: number) => {
    let known = glyphs.get(id);
    if (!known) {
      known = readGlyph(font, id);
      glyphs.set(id, known);
    }
    return known;
  };
  const fast = function (this: Subset): Uint8Array {
    return encodeSubset(this, font.loca!.version, tables, entry);
  };
  if (!Buffer.from(expected).equals(fast.call(ours))) {
    throw new Error('fontkit encodes TrueType subsets differently from the version src/engine/subsetEncoder.ts was made for (fontkit 2.0.4)');
  }
  font.createSubset = function (this: SubsetFont) {
    const subset = createSubset.call(this);
    subset.encode = fast;
    return subset;
  };
}

/** The tables of a subset fontkit encoded, in its order. */
function subsetTables(encoded: Uint8Array): SubsetTable[] {
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const count = view.getUint16(4);
  const tables: SubsetTable[] = [];
  for (let index = 0; index < count; index += 1) {
    const at = 12 + index * 16;
    const tag = String.fromCharCode(...encoded.subarray(at, at + 4));
    const offset = view.getUint32(at + 8);
    tables.push({ tag, bytes: encoded.slice(offset, offset + view.getUint32(at + 12)) });
  }
  return tables;
}

/** A glyph's bytes as stored in the font, its parts if compound, and its horizontal metrics. */
function readGlyph(font: SubsetFont, id: number): GlyphEntry {
  const glyph = font.getGlyph(id);
  const decoded = glyph._decode();
  const offsets = font.loca!.offsets;
  const stream = font._getTableStream('glyf');
  stream.pos += offsets[id]!;
  const bytes = Uint8Array.from(stream.readBuffer(offsets[id + 1]! - offsets[id]!));
  const components = decoded && decoded.numberOfContours < 0 ? decoded.components!.map(({ glyphID, pos }) => ({ glyphID, pos })) : undefined;
  return { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
}

/** fontkit's TTFSubset.encode, table for table. */
function encodeSubset(subset: Subset, locaVersion: number, fixed: SubsetTable[], entry: (id: number) => GlyphEntry): Uint8Array {
  const glyf: Uint8Array[] = [];
  const offsets: number[] = [];
  const metrics: GlyphEntry[] = [];
  let offset = 0;
  // Parts of compound glyphs join the subset as they are met, so its length grows during the loop.
  for (let index = 0; index < subset.glyphs.length; index += 1) {
    const glyph = entry(subset.glyphs[index]!);
    let bytes = glyph.bytes;
    if (glyph.components) {
      bytes = Uint8Array.from(bytes);
      const view = new DataView(bytes.buffer);
      for (const component of glyph.components) view.setUint16(component.pos, subset.includeGlyph(component.glyphID));
    }
    glyf.push(bytes);
    offsets.push(offset);
    metrics.push(glyph);
    offset += bytes.length;
  }
  offsets.push(offset);

  const tables = fixed.map(({ tag, bytes }): Uint8Array => {
    switch (tag) {
      case 'loca':
        return locaBytes(offsets, locaVersion);
      case 'glyf':
        return Buffer.concat(glyf);
      case 'hmtx':
        return hmtxBytes(metrics);
      case 'hhea':
        return withUint16(bytes, NUMBER_OF_METRICS_AT, metrics.length);
      case 'maxp':
        return withUint16(bytes, NUM_GLYPHS_AT, glyf.length);
      default:
        return bytes;
    }
  });
  return directory(fixed.map((table) => table.tag), tables);
}

function locaBytes(offsets: number[], version: number): Uint8Array {
  const short = version === 0;
  const bytes = new Uint8Array(offsets.length * (short ? 2 : 4));
  const view = new DataView(bytes.buffer);
  offsets.forEach((offset, index) => (short ? view.setUint16(index * 2, offset >>> 1) : view.setUint32(index * 4, offset)));
  return bytes;
}

function hmtxBytes(metrics: GlyphEntry[]): Uint8Array {
  const bytes = new Uint8Array(metrics.length * 4);
  const view = new DataView(bytes.buffer);
  metrics.forEach(({ advance, bearing }, index) => {
    view.setUint16(index * 4, advance);
    view.setInt16(index * 4 + 2, bearing);
  });
  return bytes;
}

function withUint16(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  new DataView(copy.buffer).setUint16(at, value);
  return copy;
}

/** The font file: fontkit's table directory (tag "true", checksums left 0), then the tables one after another. */
function directory(tags: string[], tables: Uint8Array[]): Uint8Array {
  const headerBytes = 12 + 16 * tables.length;
  const out = new Uint8Array(headerBytes + tables.reduce((sum, table) => sum + table.length, 0));
  const view = new DataView(out.buffer);
  const largestPowerOf2 = 2 ** Math.floor(Math.log2(tables.length));
  out.set(Buffer.from('true', 'latin1'), 0);
  view.setUint16(4, tables.length);
  view.setUint16(6, largestPowerOf2 * 16);
  view.setUint16(8, Math.log2(largestPowerOf2));
  view.setUint16(10, tables.length * 16 - largestPowerOf2 * 16);
  let offset = headerBytes;
  tables.forEach((table, index) => {
    const at = 12 + index * 16;
    out.set(Buffer.from(tags[index]!, 'latin1'), at);
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, table.length);
    out.set(table, offset);
    offset += table.length;
  });
  return out;
}

/** Glyphs for the check: the first forty (simple and empty ones) and three compound ones further on. */
function sampleGlyphs(font: SubsetFont): number[] {
  const ids = Array.from({ length: Math.min(40, font.numGlyphs) }, (_, id) => id);
  const compound: number[] = [];
  for (let id = 100; id < font.numGlyphs && compound.length < 3; id += 7) {
    if ((font.getGlyph(id)._decode()?.numberOfContours ?? 0) < 0) compound.push(id);
  }
  return [...ids, ...compound];
}
