import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { axeViolations, launchBrowser } from '../browser.mjs';
import { attr, byTag, readHtml, textOf } from '../html/readHtml.js';
import { runCli } from '../helpers.js';
import { pdfObjects, type PdfDict } from '../pdf/pdfObjects.js';
import { wordsOf } from '../pdf/readPdf.js';
import { readTags, type Element } from '../pdf/readTags.js';
import { startLetters } from '../serve/liveProcess.js';
import { makeJpeg, makePng, makeSvg } from './makeImages.js';
import { imageProject } from './support.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const LETTER = 'out/2020/knowsley-metropolitan-borough-council';
const SIGNATURE = 'signature: { image: signature.png, alt: "Signature of Michael King" }';
const LETTERHEAD = 'letterhead: { image: logo.svg, alt: "Local Government & Social Care OMBUDSMAN" }';

function built(dir: string): void {
  const result = runCli(['build', '--out', 'out', '--quiet'], dir);
  expect(result, result.stderr).toMatchObject({ code: 0 });
}

function* elements(element: Element): Generator<Element> {
  yield element;
  for (const child of element.children) yield* elements(child);
}

/** The image XObjects of a PDF: their dictionaries, as written once each. */
function imageObjects(bytes: Buffer): PdfDict[] {
  return [...pdfObjects(bytes).values()].filter((value): value is PdfDict => typeof value === 'object' && value !== null && (value as PdfDict).Subtype === '/Image' && !(value as PdfDict).Decode);
}

describe('a year with a letterhead SVG and a signature PNG', () => {
  const png = makePng(120, 40);
  // Each test its own project: temporary folders go when a test ends.
  const signedProject = () => {
    const dir = imageProject({ letterhead: LETTERHEAD, signature: SIGNATURE, files: { 'logo.svg': makeSvg(), 'signature.png': png } });
    built(dir);
    return dir;
  };

  it('draws the letterhead first, as vectors, and the signature between "Yours sincerely," and the name, as one image: each a Figure read as its alt', async () => {
    const dir = signedProject();
    const bytes = readFileSync(join(dir, `${LETTER}.pdf`));
    const tags = await readTags(bytes);
    const letter = tags.roots[0]!.children[0]!;
    const read = letter.children.map((element) => (element.role === 'Figure' ? `Figure: ${element.alt}` : `${element.role}: ${wordsOf(element.text).join(' ')}`));
    expect(read[0]).toBe('Figure: Local Government & Social Care OMBUDSMAN');
    const signature = read.indexOf('Figure: Signature of Michael King');
    expect(read[signature - 1]).toBe('P: Yours sincerely,');
    expect(read[signature + 1]).toBe('P: Michael King Local Government and Social Care Ombudsman Chair, Commission for Local Administration in England');
    const [letterhead, signed] = [...elements(tags.roots[0]!)].filter((element) => element.role === 'Figure');
    expect(letterhead!.painted).toEqual({ paths: 2, images: 0 });
    expect(signed!.painted).toEqual({ paths: 0, images: 1 });
    expect(tags.unmarked).toEqual(tags.pages.map(() => []));
    // The PNG's pixels, with its transparency as a soft mask beside them.
    expect(imageObjects(bytes).map((image) => [image.Width, image.Height, image.ColorSpace])).toEqual([[120, 40, '/DeviceRGB']]);
  });

  it('embeds the images in the HTML letter as data: URIs with the same alt', () => {
    const dir = signedProject();
    const html = readFileSync(join(dir, `${LETTER}.html`), 'utf8');
    const images = byTag(readHtml(html).document, 'img');
    expect(images.map((image) => attr(image, 'alt'))).toEqual(['Local Government & Social Care OMBUDSMAN', 'Signature of Michael King']);
    expect(images.map((image) => attr(image, 'src'))).toEqual([`data:image/svg+xml;base64,${Buffer.from(makeSvg()).toString('base64')}`, `data:image/png;base64,${png.toString('base64')}`]);
    // The letterhead's words are read once, as its alt: the HTML says what the text letter says.
    const [main] = byTag(readHtml(html).document, 'main');
    expect(wordsOf(textOf(main!)).slice(0, 8)).toEqual(['Local', 'Government', '&', 'Social', 'Care', 'OMBUDSMAN', '22', 'July']);
  });

  it('leaves the text letter as it is without images', () => {
    const dir = signedProject();
    const shipped = runCli(['preview', 'knowsley', '--year', '2020']).stdout;
    expect(readFileSync(join(dir, `${LETTER}.txt`), 'utf8')).toBe(shipped);
  });

  it('remakes the letters when an image’s bytes change, and only then', () => {
    const dir = signedProject();
    expect(runCli(['build', '--out', 'out'], dir).stdout).toContain('1 letter (0 written, 1 skipped unchanged)');
    writeFileSync(join(dir, 'templates/2020/signature.png'), makePng(120, 40, [200, 0, 0]));
    expect(runCli(['build', '--out', 'out'], dir).stdout).toContain('1 letter (1 written, 0 skipped unchanged)');
  });
});

describe('a year with a signature JPEG', () => {
  it('draws it as a JPEG image XObject, its bytes as they are', async () => {
    const jpeg = makeJpeg();
    const dir = imageProject({ signature: 'signature: { image: signature.jpg, alt: "Signature of Michael King" }', files: { 'signature.jpg': jpeg } });
    built(dir);
    const bytes = readFileSync(join(dir, `${LETTER}.pdf`));
    expect(imageObjects(bytes).map((image) => [image.Width, image.Height, image.Filter, image.ColorSpace])).toEqual([[8, 8, '/DCTDecode', '/DeviceGray']]);
    expect(bytes.includes(jpeg)).toBe(true);
    const tags = await readTags(bytes);
    const figures = [...elements(tags.roots[0]!)].filter((element) => element.role === 'Figure');
    expect(figures.map((figure) => [figure.alt, figure.painted.images])).toEqual([
      ['Local Government & Social Care OMBUDSMAN', 0],
      ['Signature of Michael King', 1],
    ]);
    expect(tags.unmarked).toEqual(tags.pages.map(() => []));
  });
});

describe('the HTML letter with images, in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('passes axe-core', async () => {
    const dir = imageProject({ signature: SIGNATURE, files: { 'signature.png': makePng(120, 40) } });
    built(dir);
    const page = await browser.newPage();
    try {
      await page.goto(pathToFileURL(join(dir, `${LETTER}.html`)).href);
      expect(await page.$$eval('img', (images) => images.map((image) => [image.alt, image.complete && image.naturalWidth > 0]))).toEqual([
        ['Local Government & Social Care OMBUDSMAN', true],
        ['Signature of Michael King', true],
      ]);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});


describe('letters preview --serve', () => {
  it('shows the images, and shows a signature again when its file is saved', async () => {
    const first = makePng(120, 40);
    const dir = imageProject({ signature: SIGNATURE, files: { 'signature.png': first } });
    const server = startLetters(['preview', 'knowsley', '--serve', '--port', '0'], dir);
    try {
      const [root] = await server.waitFor(/http:\/\/127\.0\.0\.1:\d+\//);
      const page = await fetch(root);
      const letterHtml = new URL('letter.html', page.url);
      const signatureOf = async () => {
        const html = await (await fetch(letterHtml)).text();
        return byTag(readHtml(html).document, 'img').map((image) => attr(image, 'src'))[1];
      };
      expect(await signatureOf()).toBe(`data:image/png;base64,${first.toString('base64')}`);
      const second = makePng(120, 40, [200, 0, 0]);
      writeFileSync(join(dir, 'templates/2020/signature.png'), second);
      await vi.waitFor(async () => expect(await signatureOf()).toBe(`data:image/png;base64,${second.toString('base64')}`), { timeout: 30_000, interval: 200 });
    } finally {
      expect(await server.interrupt()).toBe(130);
    }
  });
});
