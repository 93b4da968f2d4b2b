import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaying } from '../../src/engine/svgReplay.js';
import { ROOT } from '../helpers.js';

/**
 * The SVG replay (src/engine/svgReplay.ts) against svg-to-pdfkit drawing
 * every time: the same PDF bytes for the shipped letterhead drawn on page
 * after page, and an SVG that asks more of the document than drawing (text,
 * a gradient) drawn by svg-to-pdfkit every time. End to end, the letters'
 * PDFs are compared with the shortcuts on and off in shortcuts.test.ts.
 *
 * To see it fail: in src/engine/svgReplay.ts, let `record` return its
 * recording even when `replayable` is false (the gradient's second page
 * then lacks its pattern), or return `result` unchanged from a recorded
 * call (chained calls go unrecorded).
 */

const require = createRequire(import.meta.url);
type Draw = Parameters<typeof replaying>[0];
const svgToPdfkit = (require('pdfmake/js/3rd-party/svg-to-pdfkit.js') as { default: Draw & { [key: symbol]: Draw | undefined } }).default;
// The one pdfmake bundles, whether or not another test of this thread installed the replay in its place.
const draw: Draw = svgToPdfkit[Symbol.for('letters.svgReplay')] ?? svgToPdfkit;
const PDFDocument = require(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] })) as new (options: object) => PdfKitDocument;

interface PdfKitDocument {
  addPage(): PdfKitDocument;
  on(event: string, listener: (chunk: Buffer) => void): void;
  end(): void;
}

const LETTERHEAD = readFileSync(join(ROOT, 'templates/2020/letterhead.svg'), 'utf8');
const OPTIONS = { width: 214, height: 48, assumePt: true, useCSS: false };

/** A PDF whose `pages` pages each have the SVG drawn at the same place by `drawing`. */
async function pdfWith(drawing: Draw, svg: string, pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, autoFirstPage: false, info: { CreationDate: new Date(Date.UTC(2020, 6, 22)) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk) => chunks.push(chunk));
  const ended = new Promise((done) => doc.on('end', done));
  for (let page = 0; page < pages; page++) {
    doc.addPage();
    drawing(doc, svg, 62, 57, { ...OPTIONS, fontCallback: () => 'Helvetica' });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** `draw`, counting its calls. */
function counted(): { drawing: Draw; calls: () => number } {
  let calls = 0;
  return {
    drawing: (...args) => {
      calls++;
      return draw(...args);
    },
    calls: () => calls,
  };
}

describe('the SVG replay', () => {
  it('draws the shipped letterhead on every page to the bytes svg-to-pdfkit writes, parsing it once', async () => {
    const expected = await pdfWith(draw, LETTERHEAD, 3);
    const { drawing, calls } = counted();
    expect((await pdfWith(replaying(drawing), LETTERHEAD, 3)).equals(expected)).toBe(true);
    expect(calls()).toBe(1);
    // The letterhead's purple (#4b2366), as PDFKit writes it.
    expect(expected.toString('latin1')).toContain('0.29411764705882354 0.13725490196078433 0.4 scn');
  });

  it.each([
    ['text', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20" width="100" height="20"><text x="1" y="15" fill="#4b2366">OMBUDSMAN</text></svg>'],
    [
      'a gradient',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10"><linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#4b2366"/></linearGradient><rect width="10" height="10" fill="url(#g)"/></svg>',
    ],
  ])('leaves an SVG with %s to svg-to-pdfkit every time, with its bytes', async (_, svg) => {
    const expected = await pdfWith(draw, svg, 2);
    const { drawing, calls } = counted();
    expect((await pdfWith(replaying(drawing), svg, 2)).equals(expected)).toBe(true);
    expect(calls()).toBe(2);
  });
});
