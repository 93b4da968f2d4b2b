import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers.js';

/** A copy of the shipped data and templates, built as text into `old/`, ready to be edited. */
function builtProject(): string {
  const dir = tempDir();
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  const built = runCli(['build', '--format', 'text', '--out', 'old', '--quiet'], dir);
  expect(built.code, built.stderr).toBe(0);
  return dir;
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text.split(from)).toHaveLength(2);
  writeFileSync(file, text.replace(from, to));
}

/** The line of an earlier letter a phrase stands on, counted from 1. */
function lineOf(file: string, phrase: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(phrase));
  expect(index, phrase).toBeGreaterThanOrEqual(0);
  return index + 1;
}

const LETTERS_2020 = ['knowsley-metropolitan-borough-council', 'liverpool-city-council', 'worcester-city-council'];

describe('letters diff --against', { timeout: 60_000 }, () => {
  it('finds nothing changed right after a build, and exits 0', () => {
    const dir = builtProject();
    const result = runCli(['diff', '--against', 'old'], dir);
    expect(result).toEqual({
      code: 0,
      stdout: [
        'unchanged  2018/sefton-metropolitan-borough-council',
        ...LETTERS_2020.map((slug) => `unchanged  2020/${slug}`),
        'unchanged  2024/liverpool-city-region-combined-authority',
        '5 letters: 5 unchanged, 0 changed, 0 new, 0 gone',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it("after a one-word edit of a year's template, lists every letter of that year as changed with that word, and no other year", () => {
    const dir = builtProject();
    edit(join(dir, 'templates/2020/letter.md.hbs'), 'I would encourage you to share the tool', 'I would urge you to share the tool');
    const result = runCli(['diff', '--against', 'old'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'unchanged  2018/sefton-metropolitan-borough-council',
        ...LETTERS_2020.flatMap((slug) => {
          const file = `old/2020/${slug}.txt`;
          return [`changed    2020/${slug}`, `  ${file}:${lineOf(join(dir, file), 'I would encourage you to share the tool')}  letter  [-encourage-]{+urge+}`];
        }),
        'unchanged  2024/liverpool-city-region-combined-authority',
        '5 letters: 2 unchanged, 3 changed, 0 new, 0 gone',
        '',
      ].join('\n'),
    );
    // The earlier build is only read.
    expect(readFileSync(join(dir, 'old/2020/worcester-city-council.txt'), 'utf8')).toContain('I would encourage you to share the tool');
  });

  it('names the section a difference is in', () => {
    const dir = builtProject();
    edit(join(dir, 'templates/2020/partials/statistics.md.hbs'), '**{{statistics.upheld_rate}}%** of complaints we investigated were upheld.', '**{{statistics.upheld_rate}}%** of complaints we looked into were upheld.');
    const result = runCli(['diff', '--against', 'old', '--year', '2020'], dir);
    const file = 'old/2020/knowsley-metropolitan-borough-council.txt';
    expect(result.stdout).toBe(
      [
        'changed    2020/knowsley-metropolitan-borough-council',
        `  ${file}:${lineOf(join(dir, file), 'of complaints we investigated were upheld')}  statistics  [-investigated-]{+looked into+}`,
        'unchanged  2020/liverpool-city-council',
        'unchanged  2020/worcester-city-council',
        '3 letters: 2 unchanged, 1 changed, 0 new, 0 gone',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
  });

  it('lists a letter with no earlier file as new and an earlier file with no letter now as gone', () => {
    const dir = builtProject();
    const liverpool = readFileSync(join(dir, 'data/2020/liverpool-city-council.yaml'), 'utf8');
    writeFileSync(join(dir, 'data/2020/wirral-council.yaml'), liverpool.replace('name: Liverpool City Council', 'name: Wirral Council'));
    rmSync(join(dir, 'data/2020/worcester-city-council.yaml'));
    const result = runCli(['diff', '--against', 'old', '--year', '2020'], dir);
    expect(result).toEqual({
      code: 1,
      stdout: [
        'unchanged  2020/knowsley-metropolitan-borough-council',
        'unchanged  2020/liverpool-city-council',
        'new        2020/wirral-council  data/2020/wirral-council.yaml',
        'gone       2020/worcester-city-council  old/2020/worcester-city-council.txt',
        '4 letters: 2 unchanged, 0 changed, 1 new, 1 gone',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('narrows to one authority as build does', () => {
    const dir = builtProject();
    edit(join(dir, 'templates/2020/letter.md.hbs'), 'I would encourage you to share the tool', 'I would urge you to share the tool');
    const result = runCli(['diff', '--against', 'old', '--authority', 'Worcester City Council'], dir);
    expect(result.stdout.split('\n').filter((line) => !line.startsWith('  '))).toEqual(['changed    2020/worcester-city-council', '1 letter: 0 unchanged, 1 changed, 0 new, 0 gone', '']);
    expect(result.code).toBe(1);
  });

  it('compares nothing while a data file is bad, and says why', () => {
    const dir = builtProject();
    edit(join(dir, 'data/2020/knowsley-metropolitan-borough-council.yaml'), 'upheld: 9', 'upheld: 13');
    const result = runCli(['diff', '--against', 'old'], dir);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'data/2020/knowsley-metropolitan-borough-council.yaml:14:11  statistics.upheld  is 13, more than investigations (12): expected at most 12',
        '1 problem in 1 file',
        'nothing compared: every letter must be made to know what changed',
        '',
      ].join('\n'),
    });
  });

  it('refuses a folder that is not an earlier build, and reference letters beside --against (usage errors)', () => {
    const dir = tempDir({ 'note.txt': 'x', 'empty/2020/letter.pdf': 'x' });
    const run = (...args: string[]) => runCli(['diff', ...args], dir);
    const usage = (stderr: string) => ({ code: 2, stdout: '', stderr: `${stderr}\n` });
    expect(run('--against', 'missing')).toEqual(usage('error: --against missing does not exist: give the folder of an earlier build (e.g. out)'));
    expect(run('--against', 'note.txt')).toEqual(usage('error: --against note.txt is a file, not a folder: give the folder of an earlier build (e.g. out)'));
    expect(run('--against', 'empty')).toEqual(usage('error: --against empty holds no text letters (<year>/<slug>.txt): give the folder of an earlier build made with text (e.g. out)'));
    expect(run('--against', 'empty', 'letter.txt')).toEqual(usage('error: --against compares every letter with an earlier build: give no reference letters with it'));
    expect(run('--year', '2020')).toEqual(usage('error: --year and --authority narrow `letters diff --against DIR` only'));
  });
});
