import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers.js';
import { pdfWordsOf, readPdf, wordsOf as words, wordsWithoutBulletsOf } from '../pdf/readPdf.js';
import { axeViolations, launchBrowser } from '../browser.mjs';
import { startLetters, type LiveProcess } from './liveProcess.js';

const KNOWSLEY = 'data/2020/knowsley-metropolitan-borough-council.yaml';
const TEMPLATE = 'templates/2020/letter.md.hbs';
const LONG = 120_000;

/** A copy of the shipped data and templates, to edit (removed after the test, or kept for `keep`'s block). */
function project(keep = false): string {
  const dir = keep ? mkdtempSync(join(tmpdir(), 'letters-serve-')) : tempDir();
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  return dir;
}


let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, LONG);
afterAll(async () => {
  await browser?.close();
});

async function serve(dir: string, authority = 'knowsley'): Promise<{ server: LiveProcess; url: string }> {
  const server = startLetters(['preview', authority, '--serve', '--port', '0'], dir);
  const [url] = await server.waitFor(/http:\/\/127\.0\.0\.1:\d+\//);
  return { server, url };
}

/** Waits until the page's <body> has `data-<name>` equal to `value`. */
async function bodyData(page: Page, name: string, value: string): Promise<void> {
  await page.waitForFunction((n, v) => document.body?.dataset[n] === v, { timeout: 60_000 }, name, value);
}

/**
 * Waits until the HTML view shows the latest good render and its text does
 * (or, with `present` false, does not) contain `words`. Saves are waited for
 * by what they change, not by counting renders: an editor's save can be seen
 * as more than one change.
 */
async function htmlShows(page: Page, words: string, present = true): Promise<void> {
  await page.waitForFunction(
    (w, p) => {
      const data = document.body.dataset;
      const frame = document.getElementById('html-letter') as HTMLIFrameElement;
      return data.version !== '0' && data.htmlVersion === data.version && (frame.contentDocument?.body?.innerText ?? '').includes(w) === p;
    },
    { timeout: 60_000 },
    words,
    present,
  );
}

/** Waits until the PDF view shows the latest good render. */
async function pdfCaughtUp(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.version !== '0' && document.body.dataset.pdfVersion === document.body.dataset.version, { timeout: 60_000 });
}

/** Waits until the problems list contains `text`. */
async function problemShown(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.getElementById('problems')!.innerText.includes(t), { timeout: 60_000 }, text);
}

const frameText = (page: Page) => page.$eval('#html-letter', (frame) => (frame as HTMLIFrameElement).contentDocument?.body.innerText ?? '');
const listText = (page: Page, id: string) => page.$eval(`#${id}`, (list) => (list as HTMLElement).innerText);

describe('letters preview --serve in headless Chromium', () => {
  it('shows the letter as the text writer words it, in the HTML view and as PDF pages, live as the data and template are edited', async () => {
    const dir = project();
    const { server, url } = await serve(dir);
    const page = await browser.newPage();
    try {
      await page.goto(url);
      expect(page.url()).toBe(`${url}letters/2020/knowsley-metropolitan-borough-council/`);
      await bodyData(page, 'htmlVersion', '1');
      await bodyData(page, 'pdfVersion', '1');
      const text = startTextOf(dir);
      expect(words(await frameText(page))).toEqual(drawnWords(wordsWithoutBulletsOf(text)));
      const served = Buffer.from(await (await fetch(`${page.url()}letter.pdf`)).arrayBuffer());
      // The PDF shown is the one `letters preview --pdf` writes, byte for byte.
      const written = join(dir, 'knowsley.pdf');
      expect(runCli(['preview', 'knowsley', '--pdf', written], dir).code).toBe(0);
      expect(served.equals(readFileSync(written))).toBe(true);
      const pdf = await readPdf(served);
      expect(pdfWordsOf(pdf.pages.join('\n'))).toEqual(drawnWords(words(text)));
      expect(await page.$eval('#html-letter', (frame) => [...((frame as HTMLIFrameElement).contentDocument?.images ?? [])].map((image) => image.alt))).toEqual([LETTERHEAD]);
      expect(Number(await page.$eval('body', (b) => b.dataset.pdfPages))).toBe(pdf.pages.length);
      expect(await page.$$eval('#pdf-pages canvas', (c) => c.length)).toBe(pdf.pages.length);
      expect(await listText(page, 'problems')).toBe('');
      expect(await page.$eval('#status', (s) => s.textContent)).toMatch(/^Up to date/);

      // A good edit of the data: the new figure is in both views, with no reload.
      const data = join(dir, KNOWSLEY);
      const original = readFileSync(data, 'utf8');
      expect(original).toContain('  surname: Harden\n');
      writeFileSync(data, original.replace('  surname: Harden\n', '  surname: Hardcastle\n'));
      await htmlShows(page, 'Hardcastle');
      expect(await frameText(page)).not.toContain('Harden');
      await pdfCaughtUp(page);
      expect((await readPdf(Buffer.from(await (await fetch(`${page.url()}letter.pdf`)).arrayBuffer()))).pages.join(' ')).toContain('Hardcastle');

      // A broken edit: the problem is shown with its file and line, the last letter stays, marked out of date.
      writeFileSync(data, original.replace('  surname: Harden\n', '  surname: [Harden\n'));
      // The flow sequence opened on line 7 is found unclosed where line 8 starts.
      await problemShown(page, `${KNOWSLEY}:8:3\nYAML syntax:`);
      expect(await page.$eval('body', (b) => b.dataset.stale)).toBe('true');
      expect(await page.$eval('#status', (s) => s.textContent)).toBe('Out of date: the letter shown is the last good one. Fix the problems below and save.');
      expect(await frameText(page)).toContain('Hardcastle');
      expect(await page.$$eval('#pdf-pages canvas', (c) => c.length)).toBe(pdf.pages.length);

      // A schema error: the field is named.
      writeFileSync(data, original.replace('  upheld: 9\n', '  upheld: nine\n'));
      await problemShown(page, `${KNOWSLEY}:14:11  statistics.upheld`);
      expect(await page.$eval('body', (b) => b.dataset.stale)).toBe('true');

      // The next good save recovers.
      writeFileSync(data, original);
      await htmlShows(page, 'Hardcastle', false);
      expect(await page.$eval('body', (b) => b.dataset.stale)).toBe('false');
      expect(words(await frameText(page))).toEqual(drawnWords(wordsWithoutBulletsOf(text)));
      expect(await listText(page, 'problems')).toBe('');

      // A template edit updates the letter; a template syntax error is shown and kept out of the letter.
      const template = join(dir, TEMPLATE);
      const wording = readFileSync(template, 'utf8');
      expect(wording).toContain('I write to you with our annual summary');
      writeFileSync(template, wording.replace('I write to you with our annual summary', 'I write to you with our yearly summary'));
      await htmlShows(page, 'I write to you with our yearly summary');
      writeFileSync(template, wording.replace('{{year.period_end}}', '{{year.period_end'));
      await problemShown(page, TEMPLATE);
      expect(await page.$eval('body', (b) => b.dataset.stale)).toBe('true');
      expect(await frameText(page)).toContain('I write to you with our yearly summary');
      writeFileSync(template, wording);
      await htmlShows(page, 'I write to you with our yearly summary', false);
      expect(words(await frameText(page))).toEqual(drawnWords(wordsWithoutBulletsOf(text)));

      // The year's declaration and a shared partial are inputs too.
      const yearFile = join(dir, 'templates/2020/year.yaml');
      const declared = readFileSync(yearFile, 'utf8');
      expect(declared).toContain('  name: Michael King\n');
      writeFileSync(yearFile, declared.replace('  name: Michael King\n', '  name: Michaela King\n'));
      await htmlShows(page, 'Michaela King');
      writeFileSync(yearFile, declared);
      await htmlShows(page, 'Michaela King', false);
      const signoff = join(dir, 'templates/partials/signoff.md.hbs');
      const closing = readFileSync(signoff, 'utf8');
      expect(closing).toContain('Yours sincerely,');
      writeFileSync(signoff, closing.replace('Yours sincerely,', 'Yours faithfully,'));
      await htmlShows(page, 'Yours faithfully,');
      expect(server.child.exitCode).toBe(null);
    } finally {
      await page.close();
      expect(await server.interrupt()).toBe(130);
    }
  }, LONG * 3);

  it('shows the last of two saves made 40 ms apart, in the HTML view and the PDF', async () => {
    const dir = project();
    const { server, url } = await serve(dir);
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await bodyData(page, 'htmlVersion', '1');
      const data = join(dir, KNOWSLEY);
      const original = readFileSync(data, 'utf8');
      // The second save of each pair falls inside the window in which the file watcher drops a repeated change.
      for (const [first, second] of [['Hardcastle', 'Hardwick'], ['Hartley', 'Harding']]) {
        writeFileSync(data, original.replace('  surname: Harden\n', `  surname: ${first}\n`));
        await new Promise((resolve) => setTimeout(resolve, 40));
        writeFileSync(data, original.replace('  surname: Harden\n', `  surname: ${second}\n`));
        await htmlShows(page, `Dear Mr ${second}`);
        expect(await frameText(page)).not.toContain(first);
        await pdfCaughtUp(page);
        const pdf = await readPdf(Buffer.from(await (await fetch(`${page.url()}letter.pdf`)).arrayBuffer()));
        expect(pdf.pages[0]).toContain(`Dear Mr ${second}`);
      }
    } finally {
      await page.close();
      expect(await server.interrupt()).toBe(130);
    }
  }, LONG);

  it('switches to another authority of the year with the picker', async () => {
    const dir = project();
    const { server, url } = await serve(dir);
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await bodyData(page, 'htmlVersion', '1');
      const choices = await page.$$eval('#letter-picker option', (options) => options.map((o) => (o as HTMLOptionElement).value));
      expect(choices).toContain('2020/liverpool-city-council');
      expect(choices).toContain('2018/sefton-metropolitan-borough-council');
      await Promise.all([page.waitForNavigation(), page.select('#letter-picker', '2020/liverpool-city-council')]);
      expect(page.url()).toBe(`${url}letters/2020/liverpool-city-council/`);
      await bodyData(page, 'htmlVersion', '1');
      expect(await frameText(page)).toContain('Liverpool City Council');
      expect(await page.$eval('#letter-picker', (s) => (s as HTMLSelectElement).value)).toBe('2020/liverpool-city-council');
    } finally {
      await page.close();
      expect(await server.interrupt()).toBe(130);
    }
  }, LONG);

  it('passes axe-core: the preview page and the HTML letter it serves', async () => {
    const dir = project();
    const { server, url } = await serve(dir);
    const page = await browser.newPage();
    try {
      // The page's Content-Security-Policy allows only its own scripts: let the test add axe.
      await page.setBypassCSP(true);
      await page.goto(url);
      await bodyData(page, 'htmlVersion', '1');
      await bodyData(page, 'pdfVersion', '1');
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${page.url()}letter.html`);
      expect(await page.$eval('html', (h) => h.lang)).toBe('en-GB');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
      expect(await server.interrupt()).toBe(130);
    }
  }, LONG);
});

describe('the HTML letters of `letters build --format html` in headless Chromium', () => {
  it('pass axe-core, every shipped letter', async () => {
    const out = tempDir();
    const built = runCli(['build', '--format', 'html', '--quiet', '--out', out]);
    expect(built.code).toBe(0);
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
    expect(files.length).toBe(readdirSync(join(ROOT, 'data'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.yaml')).length);
    const page = await browser.newPage();
    try {
      for (const file of files) {
        await page.goto(pathToFileURL(join(out, file)).href);
        expect(await axeViolations(page), file).toEqual([]);
      }
    } finally {
      await page.close();
    }
  }, LONG);
});

describe('letters preview --serve answers only its own pages', () => {
  let server: LiveProcess;
  let url: URL;
  let dir: string;
  beforeAll(async () => {
    dir = project(true);
    const started = await serve(dir);
    server = started.server;
    url = new URL(started.url);
  }, LONG);
  afterAll(async () => {
    expect(await server.interrupt()).toBe(130);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A raw request: the path is sent exactly as given, not normalised as fetch() would. */
  const raw = (path: string, method = 'GET', headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it.each([
    '/../package.json',
    '/../../../../etc/passwd',
    '/assets/../package.json',
    '/assets/%2e%2e/package.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fpackage.json',
    '/letters/2020/..%2f..%2fpackage.json/',
    '/letters/2020/knowsley-metropolitan-borough-council/../../../package.json',
    '/letters/2020/knowsley-metropolitan-borough-council/letter.yaml',
    '/letters/2020/no-such-council/',
    '//etc/passwd',
    '/etc/passwd',
    '/work/data/2020/knowsley-metropolitan-borough-council.yaml',
    '/data/2020/knowsley-metropolitan-borough-council.yaml',
    '/node_modules/pdfjs-dist/package.json',
    '/assets/pdf.mjs/../../package.json',
    '/go?letter=../../package.json',
  ])('404 for %s', async (path) => {
    expect(await raw(path)).toEqual({ status: 404, body: 'not found\n' });
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'])('405 for %s', async (method) => {
    expect((await raw('/', method)).status).toBe(405);
  });

  it('answers only to its own address (no DNS rebinding)', async () => {
    const page = '/letters/2020/knowsley-metropolitan-borough-council/';
    expect(await raw(page, 'GET', { Host: `attacker.example:${url.port}` })).toEqual({ status: 421, body: 'this server answers to 127.0.0.1 and localhost only\n' });
    expect((await raw(page, 'GET', { Host: `localhost:${url.port}` })).status).toBe(200);
  });

  it('serves its own pages', async () => {
    expect((await raw('/')).status).toBe(303);
    expect((await raw('/letters/2020/knowsley-metropolitan-borough-council/')).body).toContain('<html lang="en-GB">');
    expect((await raw('/assets/pdf.worker.mjs')).body).toBe(readFileSync(join(ROOT, 'node_modules/pdfjs-dist/build/pdf.worker.min.mjs'), 'utf8'));
  });

  it('says so when its port is taken, and exits 1', () => {
    expect(runCli(['preview', 'knowsley', '--serve', '--port', url.port], dir)).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `error: port ${url.port} is in use: choose another with --port (0 takes any free port)\n`,
    });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(url.hostname).toBe('127.0.0.1');
  });
});

/** The text writer's letter for Knowsley 2020 in `dir`, from the built command. */
/**
 * The words the page shows, as opposed to those read aloud: the letterhead
 * is the year's image, its words the image's alt (docs/images.md), so the
 * text letter's first words are not drawn as text.
 */
const LETTERHEAD = 'Local Government & Social Care OMBUDSMAN';
function drawnWords(wordsOfText: string[]): string[] {
  expect(wordsOfText.slice(0, words(LETTERHEAD).length)).toEqual(words(LETTERHEAD));
  return wordsOfText.slice(words(LETTERHEAD).length);
}

function startTextOf(dir: string): string {
  const result = runCli(['preview', 'knowsley'], dir);
  expect(result.code).toBe(0);
  return result.stdout;
}
