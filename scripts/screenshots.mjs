/**
 * `npm run screenshots`: PNG pictures of the PDF letters for the README —
 * the first page and the statistics page of the Knowsley 2020 letter, and
 * the tables page of the Sefton 2018 letter when its data exists. Runs on
 * the built library (dist/) and Debian's pdftoppm (poppler-utils), which
 * draws a page exactly as the PDF says, fonts and all. Then the preview page
 * of `letters preview --serve` (a letter with a warning, so the panel beside
 * it has something to show), taken in the headless Chromium of the tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadProject } from '../dist/project.js';
import { renderLetter } from '../dist/render.js';
import { writeSection } from '../dist/writers/text.js';
import { createPdfPrinter } from '../dist/writers/pdf/index.js';
import { launchBrowser } from '../test/browser.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DOCS = join(ROOT, 'docs');
/** 100 dpi: an A4 page is 827 × 1170 pixels, readable in a README. */
const RESOLUTION = 100;

/** Which pages of which letters to picture; a letter whose data is absent is left out. */
const SHOTS = [
  { year: '2020', slug: 'knowsley-metropolitan-borough-council', section: 'letter', file: 'letter-2020-knowsley-first-page.png' },
  { year: '2020', slug: 'knowsley-metropolitan-borough-council', section: 'statistics', file: 'letter-2020-knowsley-statistics.png' },
  { year: '2018', slug: 'sefton-metropolitan-borough-council', section: 'tables', file: 'letter-2018-sefton-tables.png' },
];

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error?.code === 'ENOENT') {
    console.error(`${command} not found: install poppler-utils (apt-get install -y poppler-utils)`);
    process.exit(1);
  }
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Number of the first page (from 1) whose text starts with the first words of `section`. */
function firstPageOf(pdfFile, section) {
  const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdfFile]))?.[1]);
  const opening = writeSection(section).split(/\s+/).filter(Boolean).slice(0, 4).join(' ');
  for (let page = 1; page <= pages; page++) {
    const text = run('pdftotext', ['-f', String(page), '-l', String(page), pdfFile, '-']).split(/\s+/).filter(Boolean).join(' ');
    if (text.startsWith(opening)) return page;
  }
  throw new Error(`no page of ${pdfFile} starts with "${opening}"`);
}

const project = await loadProject({ dataDir: join(ROOT, 'data'), templatesDir: join(ROOT, 'templates') });
const printer = await createPdfPrinter();
const work = mkdtempSync(join(tmpdir(), 'letters-screenshots-'));
mkdirSync(DOCS, { recursive: true });
try {
  for (const shot of SHOTS) {
    const letter = project.letters.find((l) => l.year === shot.year && l.slug === shot.slug);
    if (!letter) {
      console.log(`skipped ${shot.file}: no data for ${shot.year}/${shot.slug}`);
      continue;
    }
    const { document } = renderLetter(letter, project.years.get(letter.year));
    const section = document.sections.find((s) => s.name === shot.section);
    if (!section) throw new Error(`${shot.year}/${shot.slug} has no ${shot.section} section`);
    const pdfFile = join(work, `${shot.year}-${shot.slug}.pdf`);
    writeFileSync(pdfFile, await printer.print(document));
    const page = String(firstPageOf(pdfFile, section));
    const stem = join(work, 'page');
    run('pdftoppm', ['-f', page, '-l', page, '-r', String(RESOLUTION), '-png', '-singlefile', pdfFile, stem]);
    copyFileSync(`${stem}.png`, join(DOCS, shot.file));
    console.log(`docs/${shot.file}  (${shot.year}/${shot.slug}, page ${page})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

await previewPageShot('liverpool-city-council', 'preview-page.png');

/** Starts `letters preview <slug> --serve`, waits until both views show the letter, and takes the page. */
async function previewPageShot(slug, file) {
  const server = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), 'preview', slug, '--serve', '--port', '0'], { cwd: ROOT });
  const browser = await launchBrowser();
  try {
    const url = await new Promise((resolve, reject) => {
      let printed = '';
      server.stdout.setEncoding('utf8').on('data', (text) => {
        printed += text;
        const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(printed);
        if (found) resolve(found[0]);
      });
      server.once('exit', (code) => reject(new Error(`letters preview --serve exited with ${code}`)));
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1600, height: 1000 });
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.htmlVersion === '1' && document.body.dataset.pdfVersion === '1', { timeout: 60_000 });
    await page.screenshot({ path: join(DOCS, file) });
    console.log(`docs/${file}  (letters preview ${slug} --serve)`);
  } finally {
    await browser.close();
    server.kill('SIGINT');
  }
}
