import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser } from '../browser.mjs';

/**
 * Draws PDFs' pages to pixels: pdf.js (pdfjs-dist, as the preview uses it)
 * in headless Chromium (test/browser.mjs), so the drawing comes with
 * `npm ci`. pdf.js is an ES module, which Chromium does not load from
 * file://: a server on 127.0.0.1, started here, serves it and the PDFs.
 */
export interface PageDrawer {
  /** Each page of the PDF as PNG bytes, at `scale` (1 = 72 dpi). */
  draw(pdf: Buffer, scale?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const FILES: Record<string, string> = {
  '/pdf.mjs': require.resolve('pdfjs-dist/build/pdf.min.mjs'),
  '/pdf.worker.mjs': require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'),
};

/**
 * Run in the page, as source text: the test runner rewrites `import()` in
 * functions it compiles, and this one must import from the page's server.
 */
const DRAW_IN_PAGE = `async (url, scale) => {
  const pdfjs = await import('/pdf.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
  const pdf = await pdfjs.getDocument({ url, isEvalSupported: false }).promise;
  const pages = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const viewport = page.getViewport({ scale });
    const canvas = Object.assign(document.createElement('canvas'), { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height) });
    await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
    pages.push(canvas.toDataURL('image/png'));
  }
  await pdf.destroy();
  return pages;
}`;

export async function startPageDrawer(): Promise<PageDrawer> {
  const pdfs = new Map<string, Buffer>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '';
    const pdf = pdfs.get(path);
    const file = FILES[path];
    if (pdf) response.writeHead(200, { 'Content-Type': 'application/pdf' }).end(pdf);
    else if (file) response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(file));
    else if (path === '/') response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>pages</title>');
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let count = 0;
  try {
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${origin}/`);
  } catch (error) {
    await browser?.close();
    server.close();
    throw error;
  }
  return {
    async draw(pdf, scale = 100 / 72) {
      const path = `/letter-${(count += 1)}.pdf`;
      pdfs.set(path, pdf);
      try {
        const drawn = (await page!.evaluate(`(${DRAW_IN_PAGE})(${JSON.stringify(path)}, ${scale})`)) as string[];
        return drawn.map((url) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
      } finally {
        pdfs.delete(path);
      }
    },
    async close() {
      await browser!.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
