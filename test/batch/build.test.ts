import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderProject, runCli } from '../helpers.js';
import { readPdf } from '../pdf/readPdf.js';
import { readManifest, snapshot, summaryOf, syntheticProject } from './support.js';

const COUNT = 12;
const YEARS = ['2018', '2020', '2024'];

function dataSlugs(dir: string, year: string): string[] {
  return readdirSync(join(dir, 'data', year)).map((name) => name.replace(/\.yaml$/, '')).sort();
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('letters build over a generated set', () => {
  it('writes every letter as text, PDF and HTML, with a manifest that describes each file', { timeout: 300_000 }, async () => {
    const dir = syntheticProject(COUNT);
    const result = runCli(['build', '--jobs', '2'], dir);
    const expected = await renderProject(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(summaryOf(result.stdout)).toBe(`${COUNT} letters (${COUNT} written, 0 skipped unchanged) in T; warnings: ${expected.warnings.length}`);
    for (const year of YEARS) {
      const manifest = readManifest(join(dir, 'out'), year);
      expect(manifest.year).toBe(year);
      expect(Object.keys(manifest.letters)).toEqual(dataSlugs(dir, year));
      for (const [slug, entry] of Object.entries(manifest.letters)) {
        expect(entry.inputs).toMatch(/^[0-9a-f]{64}$/);
        expect(Object.keys(entry.files)).toEqual([`${slug}.html`, `${slug}.pdf`, `${slug}.txt`]);
        for (const [name, file] of Object.entries(entry.files)) {
          const path = join(dir, 'out', year, name);
          expect(file.sha256).toBe(sha256(path));
          expect(file.bytes).toBe(statSync(path).size);
        }
        expect(readFileSync(join(dir, 'out', year, `${slug}.txt`), 'utf8')).toBe(expected.texts.get(`${year}/${slug}`));
        expect(entry.files[`${slug}.pdf`]!.pages).toBe((await readPdf(readFileSync(join(dir, 'out', year, `${slug}.pdf`)))).pages.length);
        expect(entry.files[`${slug}.txt`]!.pages).toBeUndefined();
        expect(entry.files[`${slug}.html`]!.pages).toBeUndefined();
      }
    }
    const warnings = YEARS.flatMap((year) => Object.values(readManifest(join(dir, 'out'), year).letters).flatMap((entry) => entry.warnings.map((w) => w.message)));
    expect(warnings.sort()).toEqual([...expected.warnings].sort());
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(YEARS);

    // Run again: nothing to do, and nothing rewritten.
    const before = snapshot(join(dir, 'out'));
    const manifestTime = statSync(join(dir, 'out/2020/manifest.json')).mtimeMs;
    const again = runCli(['build', '--jobs', '2'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(summaryOf(again.stdout)).toBe(`${COUNT} letters (0 written, ${COUNT} skipped unchanged) in T; warnings: ${expected.warnings.length}`);
    expect(snapshot(join(dir, 'out'))).toEqual(before);
    expect(statSync(join(dir, 'out/2020/manifest.json')).mtimeMs).toBe(manifestTime);
  });

  it('makes a letter alone (--authority, in the main thread) byte for byte as a whole batch does (worker threads)', { timeout: 300_000 }, () => {
    // Long names and every note appear from 27 letters on.
    const dir = syntheticProject(27);
    expect(runCli(['build', '--jobs', '2', '--quiet'], dir).code).toBe(0);
    for (const year of YEARS) {
      const slugs = dataSlugs(dir, year);
      for (const slug of [slugs[0]!, slugs.at(-1)!]) {
        const alone = join(dir, `alone-${slug}`);
        expect(runCli(['build', '--authority', slug, '--quiet', '--out', alone], dir).code).toBe(0);
        expect(readdirSync(join(alone, year)).sort()).toEqual(['manifest.json', `${slug}.html`, `${slug}.pdf`, `${slug}.txt`].sort());
        for (const name of [`${slug}.html`, `${slug}.pdf`, `${slug}.txt`]) {
          expect(readFileSync(join(alone, year, name)).equals(readFileSync(join(dir, 'out', year, name))), name).toBe(true);
        }
        expect(readManifest(alone, year).letters[slug]).toEqual(readManifest(join(dir, 'out'), year).letters[slug]);
      }
    }
  });

  it('remakes exactly the letters whose inputs changed', { timeout: 300_000 }, () => {
    const dir = syntheticProject(COUNT);
    const build = (...extra: string[]) => runCli(['build', '--format', 'text', ...extra], dir);
    expect(build().code).toBe(0);
    const [slug] = dataSlugs(dir, '2020');
    const dataFile = join(dir, 'data/2020', `${slug}.yaml`);
    const letterFile = join(dir, 'out/2020', `${slug}.txt`);
    const entryBefore = readManifest(join(dir, 'out'), '2020').letters[slug!]!;

    // A new modification time alone is not a change.
    utimesSync(dataFile, new Date(), new Date(Date.now() + 5000));
    expect(summaryOf(build().stdout)).toMatch(/^12 letters \(0 written, 12 skipped unchanged\)/);

    writeFileSync(dataFile, readFileSync(dataFile, 'utf8').replace(/surname: .*/, 'surname: "Changed"'));
    const before = snapshot(join(dir, 'out'));
    expect(summaryOf(build().stdout)).toMatch(/^12 letters \(1 written, 11 skipped unchanged\)/);
    const after = snapshot(join(dir, 'out'));
    const changed = Object.keys(after).filter((path) => after[path] !== before[path]);
    expect(changed.sort()).toEqual([join('2020', `${slug}.txt`), join('2020', 'manifest.json')].sort());
    expect(readFileSync(letterFile, 'utf8')).toContain('Changed');
    const manifest = readManifest(join(dir, 'out'), '2020');
    expect(manifest.letters[slug!]!.inputs).not.toBe(entryBefore.inputs);

    // A letter file removed or edited by hand is made again.
    rmSync(letterFile);
    expect(summaryOf(build().stdout)).toMatch(/^12 letters \(1 written, 11 skipped unchanged\)/);
    appendFileSync(letterFile, 'edited by hand');
    expect(summaryOf(build().stdout)).toMatch(/^12 letters \(1 written, 11 skipped unchanged\)/);
    expect(snapshot(join(dir, 'out'))).toEqual(after);

    // A template change remakes that year's letters only.
    appendFileSync(join(dir, 'templates/2024/letter.md.hbs'), '\nA closing line.\n');
    expect(summaryOf(build().stdout)).toMatch(/^12 letters \(4 written, 8 skipped unchanged\)/);

    expect(summaryOf(build('--force').stdout)).toMatch(/^12 letters \(12 written, 0 skipped unchanged\)/);
  });

  it('writes nothing when a data file is bad, and only the good letters with --keep-going', { timeout: 300_000 }, () => {
    const dir = syntheticProject(6);
    const [slug] = dataSlugs(dir, '2024');
    const good = readFileSync(join(dir, 'data/2024', `${slug}.yaml`), 'utf8');
    writeFileSync(join(dir, 'data/2024/bad-council.yaml'), good.replace(/name: .*/, 'name: Bad Council').replace(/type: .*/, 'type: parish'));

    const refused = runCli(['build', '--format', 'text'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^data\/2024\/bad-council\.yaml:\d+:\d+ {2}authority\.type {2}"parish" is not allowed .*\n1 problem in 1 file\nnothing written \(use --keep-going to write the valid letters\)\n$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);

    const kept = runCli(['build', '--format', 'text', '--keep-going'], dir);
    expect(kept.code).toBe(1);
    expect(kept.stderr).toContain('data/2024/bad-council.yaml');
    expect(summaryOf(kept.stdout)).toMatch(/^7 letters \(6 written, 0 skipped unchanged, 1 not valid\) in T/);
    expect(readdirSync(join(dir, 'out/2024')).sort()).toEqual([...dataSlugs(dir, '2024').filter((s) => s !== 'bad-council').map((s) => `${s}.txt`), 'manifest.json'].sort());
  });

  it('reports the letters that cannot be drawn and makes all the others', { timeout: 300_000 }, () => {
    const dir = syntheticProject(6);
    // Data holding such a character is refused by validation (test/validation/undrawable.test.ts): here the year's own words hold one.
    const template = join(dir, 'templates/2020/letter.md.hbs');
    writeFileSync(template, readFileSync(template, 'utf8').replace('Finally, we compare', 'Finally 漢, we compare'));
    const failed = dataSlugs(dir, '2020');

    const result = runCli(['build', '--jobs', '2'], dir);
    expect(result.code).toBe(1);
    for (const slug of failed) expect(result.stderr).toContain(`data/2020/${slug}.yaml  cannot draw "漢" (U+6F22)`);
    expect(summaryOf(result.stdout)).toMatch(new RegExp(`^6 letters \\(${6 - failed.length} written, 0 skipped unchanged, ${failed.length} failed\\) in T`));
    // Every 2020 letter failed: none of their files is written (the text could be, but half a letter is not sent), nor a manifest listing them.
    expect(readdirSync(join(dir, 'out/2020')).filter((name) => !name.startsWith('.'))).toEqual([]);
    expect(Object.keys(readManifest(join(dir, 'out'), '2024').letters).sort()).toEqual(dataSlugs(dir, '2024').sort());
    const made = readdirSync(join(dir, 'out'), { recursive: true }).filter((name) => String(name).endsWith('.pdf'));
    expect(made).toHaveLength(6 - failed.length);
  });

  it('prints plain lines off a terminal, a JSON summary with --json, and only errors with --quiet', { timeout: 300_000 }, () => {
    const dir = syntheticProject(6);
    const plain = runCli(['build', '--format', 'text'], dir);
    expect(plain.stdout + plain.stderr).not.toMatch(/\x1b/);

    const json = runCli(['build', '--format', 'text', '--json', '--force'], dir);
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(summary).toMatchObject({ letters: 6, written: 6, skipped: 0, failed: 0, invalid: 0, stopped: false, formats: ['text'], errors: [] });
    expect(typeof summary.seconds).toBe('number');
    expect(summary.warnings).toBe(json.stderr.split('\n').filter((line) => line.includes('warning:')).length);

    const quiet = runCli(['build', '--format', 'text', '--quiet', '--force'], dir);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses a --jobs that is not a whole number of threads', () => {
    const result = runCli(['build', '--jobs', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --jobs takes a whole number of threads, at least 1 (got "0")\n(run with --help for usage)\n');
  });
});
