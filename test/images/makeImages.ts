import { crc32, deflateSync } from 'node:zlib';

/**
 * Small images made here, byte by byte, for the tests: no shipped year has
 * a signature, and none may be made up for a real person.
 */

/** A PNG of `width`×`height` RGBA pixels, transparent but for a stroke of `rgb` across it. */
export function makePng(width: number, height: number, rgb: [number, number, number] = [20, 20, 90]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 4); // filter byte 0: none
    for (let x = 0; x < width; x++) {
      const onStroke = Math.abs(y - Math.round((height - 1) * (0.5 + 0.4 * Math.sin((x / width) * 2 * Math.PI)))) <= 1;
      if (onStroke) row.set([...rgb, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter variants, not interlaced
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A baseline JPEG of one grey 8×8 block: one component, a quantisation
 * table of ones, and Huffman tables with a single code each (DC difference
 * 0, end of block), so its scan is two bits.
 */
export function makeJpeg(): Buffer {
  const [width, height] = [8, 8];
  const segment = (marker: number, data: number[]) => [0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data];
  return Buffer.from([
    0xff, 0xd8, // SOI
    ...segment(0xdb, [0x00, ...Array<number>(64).fill(1)]), // DQT 0
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]), // SOF0: 1 component, table 0
    ...segment(0xc4, [0x00, 1, ...Array<number>(15).fill(0), 0]), // DHT DC 0: one code of length 1, category 0
    ...segment(0xc4, [0x10, 1, ...Array<number>(15).fill(0), 0x00]), // DHT AC 0: one code of length 1, end of block
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]), // SOS
    0x3f, // DC "0", EOB "0", padded with ones
    0xff, 0xd9, // EOI
  ]);
}

/** An SVG drawn with vectors only: a bar and a circle in the house purple. */
export function makeSvg(): string {
  return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40"><rect x="0" y="10" width="150" height="20" fill="#4b2366"/><circle cx="180" cy="20" r="15" fill="#4b2366"/></svg>\n';
}
