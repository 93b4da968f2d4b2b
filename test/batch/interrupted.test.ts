import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { filesUnder, readManifest, snapshot, startCli, syntheticProject, waitUntil } from './support.js';

// Enough PDF letters that a run is still going when its first files appear.
const COUNT = 60;
const YEARS = ['2018', '2020', '2024'];

const isLetter = (path: string) => /\.(txt|pdf|html)$/.test(path);

/** Starts `letters build` with `flag` on a fresh generated set and waits until its first letter is written. */
async function buildUntilFirstLetter(flag: string) {
  const dir = syntheticProject(COUNT);
  const out = join(dir, 'out');
  const build = startCli(['build', '--jobs', '2', flag], dir);
  await waitUntil(() => filesUnder(out).some(isLetter), 'the first letter');
  return { dir, out, build };
}

describe('an interrupted build', () => {
  it('killed outright (SIGKILL), then run again, ends with the bytes of a build never interrupted', { timeout: 300_000 }, async () => {
    const { dir, out, build } = await buildUntilFirstLetter('--quiet');
    build.child.kill('SIGKILL');
    expect((await build.exited).signal).toBe('SIGKILL');
    expect(filesUnder(out).filter((path) => path.endsWith('.pdf')).length, 'killed before the end').toBeLessThan(COUNT);

    const rerun = runCli(['build', '--jobs', '2'], dir);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(new RegExp(`^${COUNT} letters \\(\\d+ written, \\d+ skipped unchanged\\)`));
    expect(runCli(['build', '--jobs', '2', '--quiet', '--out', 'clean'], dir).code).toBe(0);

    expect(filesUnder(out).filter((path) => path.endsWith('.tmp'))).toEqual([]);
    expect(snapshot(out)).toEqual(snapshot(join(dir, 'clean')));
  });

  it('stopped with Ctrl-C (SIGINT) finishes the letters in progress, exits 130 and leaves a manifest true to the files', { timeout: 300_000 }, async () => {
    const { out, build } = await buildUntilFirstLetter('--json');
    build.child.kill('SIGINT');
    const { code, stdout, stderr } = await build.exited;

    expect(code).toBe(130);
    expect(stderr).toContain('stopping: finishing the letters in progress');
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ letters: COUNT, stopped: true, failed: 0 });
    expect(summary.notStarted, 'stopped before the end').toBeGreaterThan(0);
    expect(summary.written + summary.notStarted).toBe(COUNT);

    const files = filesUnder(out);
    expect(files.filter((path) => !isLetter(path) && !path.endsWith('manifest.json'))).toEqual([]);
    let listed = 0;
    for (const year of YEARS) {
      // A year none of whose letters was made before the stop has no manifest yet.
      const letters = existsSync(join(out, year, 'manifest.json')) ? readManifest(out, year).letters : {};
      const slugs = new Set(files.filter((path) => path.startsWith(`${year}/`) && isLetter(path)).map((path) => path.slice(5).replace(/\.(txt|pdf|html)$/, '')));
      expect(Object.keys(letters).sort()).toEqual([...slugs].sort());
      for (const [slug, entry] of Object.entries(letters)) {
        expect(Object.keys(entry.files)).toEqual([`${slug}.html`, `${slug}.pdf`, `${slug}.txt`]);
        for (const [name, file] of Object.entries(entry.files)) {
          expect(file.sha256, name).toBe(createHash('sha256').update(readFileSync(join(out, year, name))).digest('hex'));
        }
      }
      listed += Object.keys(letters).length;
    }
    expect(listed).toBe(summary.written);
  });
});
