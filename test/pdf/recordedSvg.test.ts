import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { install } from '../../src/engine/recordedSvg.js';
import { ROOT } from '../helpers.js';

/**
 * The recorded SVG shortcut (src/engine/recordedSvg.ts) against pdfmake's
 * own drawing of the same SVG, on PDFKit documents read back as their
 * uncompressed page content: the letterhead drawn from its recording is the
 * same operators, byte for byte, and svg-to-pdfkit is not run again.
 */

const require = createRequire(import.meta.url);
const PDFDocument = require('pdfkit') as new (options: object) => PdfKitDocument;
const svgModule = require('pdfmake/js/3rd-party/svg-to-pdfkit') as { default: (...args: unknown[]) => void };
const Renderer = (require('pdfmake/js/Renderer') as { default: { prototype: { renderSVG(svg: object): void } } }).default;

interface PdfKitDocument {
  page: { content: { buffer: Buffer[] }; ext_gstates: Record<string, unknown> };
  fillColor(color: string): PdfKitDocument;
  end(): void;
}

const LETTERHEAD = readFileSync(join(ROOT, 'templates/2020/letterhead.svg'), 'utf8');
const svgNode = (x = 72, y = 40) => ({ svg: LETTERHEAD, x, y, _width: 214, _height: 48 });

/** What drawing did to a new page: its content, as written, and the graphics states its resources name. */
function content(draw: (document: PdfKitDocument) => void): string {
  const document = new PDFDocument({ compress: false, autoFirstPage: true });
  const before = Buffer.concat(document.page.content.buffer).length;
  draw(document);
  const drawn = Buffer.concat(document.page.content.buffer).subarray(before).toString('latin1');
  const states = Object.keys(document.page.ext_gstates);
  document.end();
  return `${drawn}graphics states: ${states.join(', ')}`;
}

/** pdfmake's own drawing of an SVG node, with no shortcut: svg-to-pdfkit called as pdfmake calls it. */
const plain = (node: ReturnType<typeof svgNode>) => (document: PdfKitDocument) =>
  svgModule.default(document, node.svg, node.x, node.y, { width: node._width, height: node._height, assumePt: true, useCSS: false, fontCallback: () => undefined });

/** The shortcut's drawing, counting the times svg-to-pdfkit runs. */
function shortcut(node: object, runs: { count: number }) {
  return (document: PdfKitDocument) => {
    const draw = svgModule.default;
    svgModule.default = (...args: unknown[]) => {
      runs.count += 1;
      draw(...args);
    };
    try {
      Renderer.prototype.renderSVG.call({ pdfDocument: document }, node);
    } finally {
      svgModule.default = draw;
    }
  };
}

install();

describe('an SVG drawn again at the same place', () => {
  it('is drawn from its recording: the same operators as pdfmake draws, without parsing it again', () => {
    const expected = content(plain(svgNode()));
    // The letterhead at (72, 40), clipped to its 214 by 48 points, filled in the Ombudsman's purple.
    expect(expected).toMatch(/^q\n1 0 0 1 72 40 cm\nq\n0 0 m\n214 0 l\n214 48 l\n/);
    expect(expected).toContain('/DeviceRGB cs\n0.29411764705882354 0.13725490196078433 0.4 scn\n/Gs1 gs\n');
    const runs = { count: 0 };
    const first = content(shortcut(svgNode(), runs));
    const again = content(shortcut(svgNode(), runs));
    expect(first).toBe(expected);
    expect(again).toBe(expected);
    expect(again).toMatch(/Q\nQ\nQ\ngraphics states: Gs1$/);
    expect(runs.count).toBe(1);
  });

  it('is recorded once for each place it is drawn at', () => {
    const runs = { count: 0 };
    expect(content(shortcut(svgNode(100, 40), runs))).toBe(content(plain(svgNode(100, 40))));
    expect(content(shortcut(svgNode(100, 40), runs))).toBe(content(plain(svgNode(100, 40))));
    expect(content(shortcut(svgNode(100, 90), runs))).toBe(content(plain(svgNode(100, 90))));
    expect(runs.count).toBe(2);
  });

  it('is drawn by pdfmake while the state it read when recorded differs (here, the fill colour)', () => {
    const runs = { count: 0 };
    const node = svgNode(50, 60);
    content(shortcut(node, runs));
    const red = (draw: (document: PdfKitDocument) => void) => (document: PdfKitDocument) => draw(document.fillColor('red'));
    expect(content(red(shortcut(node, runs)))).toBe(content(red(plain(node))));
    expect(runs.count).toBe(2);
  });

  it('with a link is drawn by pdfmake every time (pdfmake adds the link after drawing)', () => {
    const runs = { count: 0 };
    const node = { ...svgNode(30, 30), link: 'https://www.lgo.org.uk' };
    content(shortcut(node, runs));
    content(shortcut(node, runs));
    expect(runs.count).toBe(2);
  });
});
