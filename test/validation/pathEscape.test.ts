import { lstatSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRASH, makeProject, runCli, shipped, type Run } from './support.js';

/**
 * Whatever the data folder holds (odd file names, look-alike characters, a
 * year folder that links elsewhere) and whatever --year says, `letters build`
 * writes only inside --out, and says why it left a file out.
 */
const knowsley = shipped('2020/knowsley-metropolitan-borough-council.yaml');
const good = { 'data/2020/knowsley.yaml': knowsley };
const written = ['2020', '2020/knowsley.txt', '2020/manifest.json'];

/** Every path under `dir` but `out/`, with its size and time: any change is a write outside --out. */
function outsideOut(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path !== 'out' && !path.startsWith(`out/`))
    .sort()
    .map((path) => {
      const info = lstatSync(join(dir, path));
      return `${path} ${info.size} ${info.mtimeMs}`;
    });
}

/** `letters build --keep-going` in `dir`: the good letters are written, so a stray write would happen too. */
async function build(dir: string, ...args: string[]): Promise<{ run: Run; out: string[] }> {
  const before = outsideOut(dir);
  const run = await runCli(['build', '--format', 'text', '--out', 'out', '--keep-going', '--quiet', ...args], dir);
  expect(outsideOut(dir)).toEqual(before);
  expect(run.stderr).not.toMatch(CRASH);
  const out = join(dir, 'out');
  return { run, out: lstatExists(out) ? readdirSync(out, { recursive: true, encoding: 'utf8' }).sort() : [] };
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

const notValid = (slug: string, suggested: string) =>
  `data/2020/${slug}.yaml:1:1  "${slug}" is not a valid file name: use lower-case letters, digits and single hyphens, e.g. ${suggested}.yaml`;

describe('paths that would leave --out', { timeout: 300_000 }, () => {
  it.concurrent.each([
    { name: 'percent-encoded dots', slug: '%2e%2e', suggested: '2e-2e' },
    { name: 'a percent-encoded path', slug: '%2e%2e%2fevil', suggested: '2e-2e-2fevil' },
    { name: 'one-dot leaders that look like ..', slug: '\u2024\u2024', suggested: 'authority-name' },
    { name: 'full-width dots and slash', slug: '\uff0e\uff0e\uff0fevil', suggested: 'evil' },
    { name: 'full-width letters', slug: '\uff4b\uff4e\uff4f\uff57\uff53\uff4c\uff45\uff59', suggested: 'knowsley' },
    { name: 'a Unicode hyphen', slug: 'knowsley\u2010mbc', suggested: 'knowsley-mbc' },
    { name: 'Windows path separators', slug: 'evil\\..\\..\\x', suggested: 'evil-x' },
  ])('refuses a data file named with $name', async ({ slug, suggested }) => {
    const dir = makeProject({ ...good, [`data/2020/${slug}.yaml`]: knowsley });
    const { run, out } = await build(dir);
    expect(run.stderr).toBe(`${notValid(slug, suggested)}\n1 problem in 1 file\n`);
    expect(run.code).toBe(1);
    expect(out).toEqual(written);
  });

  it.concurrent('shows a control character in a file name as an escape', async () => {
    const dir = makeProject({ ...good, 'data/2020/evil\u001b[2J.yaml': knowsley });
    const { run, out } = await build(dir);
    expect(run.stderr).toContain('"evil\\u001b[2J" is not a valid file name: use lower-case letters, digits and single hyphens, e.g. evil-2j.yaml');
    expect(run.code).toBe(1);
    expect(out).toEqual(written);
  });

  it.concurrent('leaves out hidden files, `..yaml` among them, without reading them', async () => {
    const dir = makeProject({ ...good, 'data/2020/..yaml': 'not: [yaml', 'data/2020/.hidden.yaml': 'not: [yaml' });
    const { run, out } = await build(dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(out).toEqual(written);
  });

  it.concurrent('refuses a year folder named with look-alike digits', async () => {
    const dir = makeProject({ ...good, 'data/\uff12\uff10\uff12\uff10/knowsley.yaml': knowsley });
    const { run, out } = await build(dir);
    expect(run.stderr).toBe('data/\uff12\uff10\uff12\uff10  "\uff12\uff10\uff12\uff10" is not a year: data folders are named by year (four digits), e.g. data/2020\n1 problem in 1 file\n');
    expect(run.code).toBe(1);
    expect(out).toEqual(written);
  });

  it.concurrent('writes the letters of a year folder that links elsewhere inside --out, and nothing where it links', async () => {
    const dir = makeProject({ 'elsewhere/2020/knowsley.yaml': knowsley });
    mkdirSync(join(dir, 'data'), { recursive: true });
    symlinkSync(join(dir, 'elsewhere', '2020'), join(dir, 'data', '2020'), 'dir');
    const { run, out } = await build(dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(out).toEqual(written);
  });

  it.concurrent('refuses a year folder in --out that is a link to elsewhere, and writes nothing', async () => {
    const dir = makeProject(good);
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'out', '2020'), 'dir');
    const { run, out } = await build(dir);
    const yearDir = join(realpathSync(dir), 'out', '2020');
    expect(run.stderr).toBe(`error: ${yearDir} is a link to ${join(realpathSync(dir), 'elsewhere')}: letters are written only inside out (remove the link, or choose another --out)\n`);
    expect(run.code).toBe(1);
    expect(out).toEqual(['2020']);
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
  });

  it.concurrent('refuses --year ../2020 before reading or writing anything', async () => {
    const dir = makeProject(good);
    const { run, out } = await build(dir, '--year', '../2020');
    expect(run.stderr).toBe('error: --year takes four digits, e.g. 2020 (got "../2020")\n(run with --help for usage)\n');
    expect(run.code).toBe(2);
    expect(out).toEqual([]);
  });
});
