/**
 * `npm run screenshot:site`: docs/publish-index.png, the index page of a
 * published year as a browser shows it. The year is the shipped 2020 data
 * with a few sample authorities added (named "(sample)", their figures made
 * up) so the table and pictures have something to show; it is built and
 * published by the built `letters` command in a temporary folder, and the
 * page opened from disk in the headless Chromium of the tests.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../test/browser.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLES = [
  ['northshire-county-council', 'Northshire County Council (sample)', 'county', [60, 41, 6, 12, 12]],
  ['eastshire-county-council', 'Eastshire County Council (sample)', 'county', [48, 30, 5, 9, 8]],
  ['riverside-district-council', 'Riverside District Council (sample)', 'district', [9, 4, 1, 2, 2]],
  ['hillford-district-council', 'Hillford District Council (sample)', 'district', [14, 6, 0, 3, 3]],
  ['harbourton-council', 'Harbourton Council (sample)', 'unitary', [31, 22, 4, 8, 7]],
  ['kingsmere-london-borough', 'Kingsmere London Borough (sample)', 'london-borough', [52, 39, 2, 10, 10]],
];

function run(args, cwd) {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`letters ${args.join(' ')} failed: ${result.stderr}`);
}

const work = mkdtempSync(join(tmpdir(), 'letters-site-screenshot-'));
try {
  cpSync(join(ROOT, 'templates'), join(work, 'templates'), { recursive: true });
  cpSync(join(ROOT, 'data', '2020'), join(work, 'data', '2020'), { recursive: true });
  for (const [slug, name, type, [investigations, upheld, remedies, outcomes, complied]] of SAMPLES) {
    writeFileSync(
      join(work, 'data', '2020', `${slug}.yaml`),
      `authority: { name: ${name}, type: ${type} }\nrecipient: { title: Ms, surname: Example, role: Chief Executive }\nstatistics:\n  investigations: ${investigations}\n  upheld: ${upheld}\n  satisfactory_remedies: ${remedies}\n  compliance: { outcomes: ${outcomes}, complied: ${complied} }\n`,
    );
  }
  run(['build', '--year', '2020', '--format', 'html,pdf', '--quiet'], work);
  run(['publish', '--year', '2020'], work);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 1500 });
    await page.goto(pathToFileURL(join(work, 'out', '2020', 'site', 'index.html')).href, { waitUntil: 'load' });
    await page.screenshot({ path: join(ROOT, 'docs', 'publish-index.png') });
  } finally {
    await browser.close();
  }
  console.log('wrote docs/publish-index.png');
} finally {
  rmSync(work, { recursive: true, force: true });
}
