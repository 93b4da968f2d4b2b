import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { constants, deflateRawSync } from 'node:zlib';
import { LruCache } from '../lruCache.js';

/**
 * Shortcut: a long stream compressed in pieces, the pieces every letter
 * shares compressed once per thread.
 *
 * Relies on (PDFKit 0.19.1): every stream object being a `PDFReference`
 * (the class of what `document.ref()` returns) that collects its content in
 * `buffer` (an array of Buffers) and, in `finalize`, joins it and compresses
 * it with `zlib.deflateSync` when `compress` is set, its `/Filter
 * /FlateDecode` already written into its dictionary; with `compress` unset
 * and one Buffer in `buffer`, `finalize` writes that Buffer as it is.
 * Streams of an encrypted document (`document._security`) are left to
 * PDFKit.
 *
 * The first page of every letter of a year starts with the same letterhead,
 * drawn in the same words of content (svgReplay.ts), and compressing its
 * thousand path operators is most of what compressing the page costs.
 * Here a stream longer than a piece is compressed piece by piece, each
 * piece a deflate stream of its own ended on a byte (a sync flush), so a
 * piece's compressed bytes depend on the piece alone and can be kept: the
 * pieces at the start of the first page are the same in every letter. The
 * pieces together, between zlib's header and the checksum of the whole, are
 * one zlib stream, which every reader inflates to the same content. A
 * stream no longer than a piece is compressed as PDFKit compresses it, to
 * the same bytes.
 *
 * The bytes of a long stream change by design (each piece starts its own
 * window): test/differential/shortcuts.test.ts compares what a reader gets.
 * They depend only on the stream's content, never on what the thread kept.
 */

/** The piece: small enough that the letterhead fills whole pieces, large enough that starting afresh costs little. */
const PIECE = 16 * 1024;

/** zlib's header for deflate with a 32K window at the default level, as `deflateSync` writes it. */
const ZLIB_HEADER = Buffer.from([0x78, 0x9c]);

/** The pieces a thread's letters share are a few; others pass through. */
const MAX_KEPT = 32;

interface StreamReference {
  compress: boolean;
  buffer: Buffer[] | Buffer;
  document: { _security?: unknown };
  finalize(): unknown;
}

const CHUNKED = Symbol.for('letters.streamChunks');

interface ReferencePrototype {
  finalize(this: StreamReference): unknown;
  [CHUNKED]?: true;
}

const kept = new LruCache<string, { piece: Buffer; compressed: Buffer }>(MAX_KEPT);

export function install(): void {
  const prototype = referencePrototype();
  if (prototype[CHUNKED]) return;
  const finalize = prototype.finalize;
  prototype.finalize = function (this: StreamReference) {
    if (!this.compress || this.document._security || !Array.isArray(this.buffer) || this.buffer.length === 0) return finalize.call(this);
    let length = 0;
    for (const chunk of this.buffer) length += chunk.length;
    if (length <= PIECE) return finalize.call(this);
    this.buffer = [deflateInPieces(Buffer.concat(this.buffer, length))];
    this.compress = false;
    try {
      return finalize.call(this);
    } finally {
      this.compress = true;
    }
  };
  prototype[CHUNKED] = true;
}

/** Whether PDFKit's streams are compressed in pieces in this thread. */
export function isInstalled(): boolean {
  return referencePrototype()[CHUNKED] === true;
}

/** One zlib stream of `content`: its pieces' deflate streams, all but the last ended by a sync flush. */
export function deflateInPieces(content: Buffer): Buffer {
  const parts: Buffer[] = [ZLIB_HEADER];
  for (let start = 0; start < content.length; start += PIECE) {
    const piece = content.subarray(start, start + PIECE);
    parts.push(start + PIECE >= content.length ? deflateRawSync(piece) : keptPiece(piece));
  }
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(adler32(content));
  parts.push(checksum);
  return Buffer.concat(parts);
}

function keptPiece(piece: Buffer): Buffer {
  const key = createHash('sha1').update(piece).digest('base64');
  const known = kept.get(key);
  if (known?.piece.equals(piece)) return known.compressed;
  const compressed = deflateRawSync(piece, { finishFlush: constants.Z_SYNC_FLUSH });
  kept.set(key, { piece: Buffer.from(piece), compressed });
  return compressed;
}

/** zlib's checksum (RFC 1950): sums kept small every few thousand bytes, well within a double's exact range. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let index = 0; index < bytes.length; ) {
    const end = Math.min(index + 4096, bytes.length);
    for (; index < end; index += 1) {
      a += bytes[index]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return (b * 65536 + a) >>> 0;
}

/** PDFKit's PDFReference, from a document made for the purpose: the class is not exported. */
function referencePrototype(): ReferencePrototype {
  const require = createRequire(createRequire(import.meta.url).resolve('pdfmake'));
  const PDFDocument = require('pdfkit') as new (options: object) => { ref(data?: object): object };
  const prototype = Object.getPrototypeOf(new PDFDocument({ autoFirstPage: false }).ref({})) as Partial<ReferencePrototype>;
  if (typeof prototype.finalize !== 'function') {
    throw new Error('PDFKit is not the version src/engine/streamChunks.ts was made for (0.19.1): its references have no finalize');
  }
  return prototype as ReferencePrototype;
}
