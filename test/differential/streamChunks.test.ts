import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adler32, deflateInPieces } from '../../src/engine/streamChunks.js';
import { ROOT } from '../helpers.js';

/**
 * Streams compressed in pieces (src/engine/streamChunks.ts) against zlib's
 * own `deflateSync`, which PDFKit calls: a short stream gets zlib's bytes, a
 * long one inflates back to its content, with zlib's checksum; the pieces
 * two streams share are compressed to the same bytes, kept or not. The
 * letters made with it are compared as a reader gets them in
 * shortcuts.test.ts.
 *
 * To see it fail: end every piece with Z_FINISH instead of a sync flush
 * (the stream stops inflating after the first piece), or sum `b` before `a`
 * in `adler32`.
 */

// A letterhead's worth of path operators, as the first page of a letter starts.
const letterhead = readFileSync(join(ROOT, 'templates/2020/letterhead.svg'), 'latin1').repeat(12);
const page = (rest: string) => Buffer.from(`1 0 0 -1 0 841.89 cm\n${letterhead}\nBT\n${rest}\nET\n`, 'latin1');

describe('a stream compressed in pieces', () => {
  it('no longer than a piece: the bytes zlib gives', () => {
    const short = Buffer.from('BT\n/F1 10.5 Tf\n[<0031001a> 9.765625 <0018>] TJ\nET\n'.repeat(200), 'latin1');
    expect(short.length).toBeLessThan(16 * 1024);
    expect(deflateInPieces(short).equals(deflateSync(short))).toBe(true);
  });

  it('longer: inflates to its content, with the checksum zlib writes', () => {
    const content = page('the Knowsley figures');
    expect(content.length).toBeGreaterThan(3 * 16 * 1024);
    const compressed = deflateInPieces(content);
    expect(inflateSync(compressed).equals(content)).toBe(true);
    expect(compressed.subarray(-4).equals(deflateSync(content).subarray(-4))).toBe(true);
    expect(adler32(content)).toBe(deflateSync(content).readUInt32BE(deflateSync(content).length - 4));
  });

  it('two pages that start alike begin with the same compressed pieces, and a page gives the same bytes kept or not', () => {
    const knowsley = page('Knowsley Metropolitan Borough Council');
    const first = deflateInPieces(knowsley);
    const sefton = deflateInPieces(page('Sefton Metropolitan Borough Council'));
    const pieces = [0, 1].map((index) => deflateRawSync(knowsley.subarray(index * 16 * 1024, (index + 1) * 16 * 1024), { finishFlush: constants.Z_SYNC_FLUSH }));
    const start = Buffer.concat([Buffer.from([0x78, 0x9c]), ...pieces]);
    expect(first.subarray(0, start.length).equals(start)).toBe(true);
    expect(sefton.subarray(0, start.length).equals(start)).toBe(true);
    expect(sefton.equals(first)).toBe(false);
    // Made again, its first pieces kept from the first time: the same bytes.
    expect(deflateInPieces(knowsley).equals(first)).toBe(true);
  });
});
