import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';

/** A whole year's build leaves in out/<year>/ exactly the letters of that year's data. */
const file = (name: string) => `authority: { name: ${name}, type: district }\nrecipient: { title: Ms, surname: Shah, role: Chief Executive }\nstatistics: { investigations: 4, upheld: 2, satisfactory_remedies: 1, compliance: { outcomes: 1, complied: 1 } }\n`;
const WARN = (slug: string) => `data/2020/${slug}.yaml:1:43  authority.type  warning: the year has no averages for district: the "compares to an average" lines are left out`;

function built(): string {
  const dir = tempProject({ '2020/a-council.yaml': file('A Council'), '2020/b-council.yaml': file('B Council'), '2020/c-council.yaml': file('C Council') });
  const first = runCli(['build', '--format', 'text,html', '--out', 'out'], dir);
  expect(first.code, first.stderr).toBe(0);
  return dir;
}

const listing = (dir: string) => readdirSync(join(dir, 'out/2020')).sort();
const manifestSlugs = (dir: string) => Object.keys(JSON.parse(readFileSync(join(dir, 'out/2020/manifest.json'), 'utf8')).letters);

describe('a letter whose data file is gone', () => {
  it('is removed by a whole year\'s build: its files and its manifest entry, listed as removed', () => {
    const dir = built();
    writeFileSync(join(dir, 'out/unrelated.txt'), 'mine\n');
    rmSync(join(dir, 'data/2020/b-council.yaml'));
    const result = runCli(['build', '--format', 'text,html', '--out', 'out'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^removed 2020\/b-council: its data file is gone\n2 letters \(0 written, 2 skipped unchanged, 1 removed\) in \d+\.\d s; warnings: 2\n$/);
    expect(listing(dir)).toEqual(['a-council.html', 'a-council.txt', 'c-council.html', 'c-council.txt', 'manifest.json']);
    expect(manifestSlugs(dir)).toEqual(['a-council', 'c-council']);
    expect(readFileSync(join(dir, 'out/unrelated.txt'), 'utf8')).toBe('mine\n');
  });

  it('is listed in --json as `removed`', () => {
    const dir = built();
    rmSync(join(dir, 'data/2020/a-council.yaml'));
    rmSync(join(dir, 'data/2020/c-council.yaml'));
    const result = runCli(['build', '--format', 'text,html', '--out', 'out', '--json'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).removed).toEqual(['2020/a-council', '2020/c-council']);
    expect(listing(dir)).toEqual(['b-council.html', 'b-council.txt', 'manifest.json']);
  });

  it('is kept with --keep-removed, and by a build narrowed to another authority', () => {
    const dir = built();
    rmSync(join(dir, 'data/2020/b-council.yaml'));
    const narrowed = runCli(['build', '--authority', 'a-council', '--format', 'text,html', '--out', 'out'], dir);
    expect(narrowed.stdout).toMatch(/^1 letter \(0 written, 1 skipped unchanged\)/);
    const kept = runCli(['build', '--format', 'text,html', '--out', 'out', '--keep-removed', '--json'], dir);
    expect(JSON.parse(kept.stdout).removed).toEqual([]);
    expect(listing(dir)).toContain('b-council.txt');
    expect(manifestSlugs(dir)).toEqual(['a-council', 'b-council', 'c-council']);
  });

  it('is not removed when its data file is there but not valid (--keep-going)', () => {
    const dir = built();
    writeFileSync(join(dir, 'data/2020/b-council.yaml'), file('B Council').replace('upheld: 2', 'upheld: two'));
    const result = runCli(['build', '--format', 'text,html', '--out', 'out', '--keep-going'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('data/2020/b-council.yaml:3:42  statistics.upheld  expected a whole number, got "two"');
    expect(listing(dir)).toContain('b-council.txt');
  });

  it('removes only the files its manifest recorded, never a name that reaches outside out/<year>/', () => {
    const dir = built();
    writeFileSync(join(dir, 'out/precious.txt'), 'keep\n');
    const manifestFile = join(dir, 'out/2020/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    manifest.letters['b-council'].files['../precious.txt'] = { sha256: '0'.repeat(64), bytes: 5 };
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    rmSync(join(dir, 'data/2020/b-council.yaml'));
    expect(runCli(['build', '--format', 'text,html', '--out', 'out'], dir).code).toBe(0);
    expect(existsSync(join(dir, 'out/precious.txt'))).toBe(true);
    expect(listing(dir)).toEqual(['a-council.html', 'a-council.txt', 'c-council.html', 'c-council.txt', 'manifest.json']);
  });
});
