import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ROOT, runCli, tempDir, tempProject } from '../helpers.js';
import { readPdf } from '../pdf/readPdf.js';

// Each test runs the command as a process, some of them making PDFs: slow on a busy machine, and nothing here is timed.
vi.setConfig({ testTimeout: 120_000 });

const knowsley = readFileSync(join(ROOT, 'data/2020/knowsley-metropolitan-borough-council.yaml'), 'utf8');

describe('letters build', () => {
  it('writes every shipped letter as text into --out', () => {
    const out = tempDir();
    const result = runCli(['build', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^5 letters \(5 written, 0 skipped unchanged\) in \d+\.\d s; warnings: 2\n$/);
    expect(result.stderr).toContain('data/2020/worcester-city-council.yaml:3:1  statistics  warning: no statistics: the letter is made without its statistics page');
    expect(readdirSync(join(out, '2020')).filter((name) => name.endsWith('.txt')).sort()).toEqual(['knowsley-metropolitan-borough-council.txt', 'liverpool-city-council.txt', 'worcester-city-council.txt']);
    const letter = readFileSync(join(out, '2020/knowsley-metropolitan-borough-council.txt'), 'utf8');
    expect(letter).toContain('Dear Mr Harden\n\nAnnual Review letter 2020\n');
    expect(letter).toContain('\f\nComplaints upheld\n\n75% of complaints we investigated were upheld.\n');
  });

  it('writes nothing when any data file is bad, and lists every problem', () => {
    const dir = tempProject({
      '2020/good-council.yaml': knowsley,
      '2020/bad-council.yaml': knowsley.replace('upheld: 9', 'upheld: 13').replace('training:', 'trainng:'),
    });
    const result = runCli(['build', '--out', 'out'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'data/2020/bad-council.yaml:9:1  trainng  unknown key `trainng` (did you mean `training`?)',
        'data/2020/bad-council.yaml:14:11  statistics.upheld  is 13, more than investigations (12): expected at most 12',
        '2 problems in 1 file',
        'nothing written (use --keep-going to write the valid letters)',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('with --keep-going writes the good letters and still fails', () => {
    const dir = tempProject({
      '2020/good-council.yaml': knowsley,
      '2020/bad-council.yaml': knowsley.replace('upheld: 9', 'upheld: 13'),
    });
    const result = runCli(['build', '--out', 'out', '--keep-going'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('data/2020/bad-council.yaml:14:11  statistics.upheld  is 13, more than investigations (12): expected at most 12');
    expect(readdirSync(join(dir, 'out/2020')).sort()).toEqual(['good-council.html', 'good-council.pdf', 'good-council.txt', 'manifest.json']);
  });

  it('refuses an --out that is a file (usage error)', () => {
    const dir = tempDir({ 'taken.txt': 'x' });
    const result = runCli(['build', '--out', join(dir, 'taken.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: --out ${join(dir, 'taken.txt')} is a file, not a folder\n`);
  });

  it('refuses an unknown option with exit 2', () => {
    const result = runCli(['build', '--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: unknown option '--colour'\n(run with --help for usage)\n");
  });

  it('refuses an unknown format with the allowed ones', () => {
    const result = runCli(['build', '--format', 'docx', '--out', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --format must be one of: text, pdf, html, all, or several joined by commas (got "docx")\n');
  });
});

describe('letters preview', () => {
  it('prints one letter, found by slug prefix', () => {
    const result = runCli(['preview', 'knowsley']);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('Local Government & Social Care OMBUDSMAN\n\n22 July 2020\n\nBy email\n\nMr Harden\nChief Executive\nKnowsley Metropolitan Borough Council\n\nDear Mr Harden\n')).toBe(true);
    expect(result.stderr).toBe('');
  });

  it('writes one PDF with --pdf, to out/preview/<slug>.pdf or the file given, and prints its path', async () => {
    const dir = tempProject({ '2020/knowsley-metropolitan-borough-council.yaml': knowsley });
    const byDefault = runCli(['preview', 'knowsley', '--pdf'], dir);
    expect(byDefault).toEqual({ code: 0, stdout: 'out/preview/knowsley-metropolitan-borough-council.pdf\n', stderr: '' });
    const named = runCli(['preview', 'knowsley', '--pdf', 'letter.pdf'], dir);
    expect(named.stdout).toBe('letter.pdf\n');
    const pdf = await readPdf(readFileSync(join(dir, 'letter.pdf')));
    expect(pdf.info.Title).toBe('Annual Review letter 2020 – Knowsley Metropolitan Borough Council');
    expect(pdf.pages[0]).toContain('Dear Mr Harden');
    expect(readFileSync(join(dir, 'letter.pdf')).equals(readFileSync(join(dir, 'out/preview/knowsley-metropolitan-borough-council.pdf')))).toBe(true);
  });

  it('prints the HTML letter with --format html, the same bytes as `build --format html` writes', () => {
    const dir = tempProject({ '2020/knowsley-metropolitan-borough-council.yaml': knowsley });
    const printed = runCli(['preview', 'knowsley', '--format', 'html'], dir);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe('');
    expect(printed.stdout.startsWith('<!doctype html>\n<html lang="en-GB">\n')).toBe(true);
    expect(printed.stdout).toContain('<title>Annual Review letter 2020 – Knowsley Metropolitan Borough Council</title>');
    expect(printed.stdout).toContain('<p>Dear Mr Harden</p>');
    const built = runCli(['build', '--format', 'html', '--out', 'out'], dir);
    expect(built.code, built.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out/2020')).sort()).toEqual(['knowsley-metropolitan-borough-council.html', 'manifest.json']);
    expect(readFileSync(join(dir, 'out/2020/knowsley-metropolitan-borough-council.html'), 'utf8')).toBe(printed.stdout);
    // Built again with every format: the text and PDF are added, the HTML (same inputs, same bytes) stays listed.
    expect(runCli(['build', '--format', 'text', '--out', 'out'], dir).stdout).toMatch(/^1 letters? \(1 written, 0 skipped unchanged\)/);
    expect(runCli(['build', '--format', 'html', '--out', 'out'], dir).stdout).toMatch(/^1 letters? \(0 written, 1 skipped unchanged\)/);
  });

  it('refuses a --format it cannot show, and --pdf beside another format (usage errors)', () => {
    expect(runCli(['preview', 'knowsley', '--format', 'docx'])).toEqual({ code: 2, stdout: '', stderr: 'error: --format must be one of: text, html, pdf (got "docx")\n' });
    expect(runCli(['preview', 'knowsley', '--format', 'html', '--pdf'])).toEqual({ code: 2, stdout: '', stderr: 'error: --pdf writes a PDF: it cannot be given with --format html\n' });
  });

  it('finds by name in any case', () => {
    const result = runCli(['preview', 'WORCESTER CITY COUNCIL']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dear Mr Blake\n');
    expect(result.stderr).toBe('data/2020/worcester-city-council.yaml:3:1  statistics  warning: no statistics: the letter is made without its statistics page\n');
  });

  it('places a warning on the field it is about', () => {
    const dir = tempProject({ '2020/wrekin-council.yaml': knowsley.replace('type: metropolitan-borough', 'type: unitary') });
    const result = runCli(['preview', 'wrekin'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('data/2020/wrekin-council.yaml:4:9  authority.type  warning: the year has no averages for unitary: the "compares to an average" lines are left out\n');
  });

  it('lists the matches when a name is ambiguous', () => {
    const result = runCli(['preview', 'liverpool']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: "liverpool" matches 2 authorities: liverpool-city-council, liverpool-city-region-combined-authority\n');
  });

  it('suggests the closest when nothing matches', () => {
    const result = runCli(['preview', 'knowlsey']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: no authority matches "knowlsey" (closest: knowsley-metropolitan-borough-council)\n');
    expect(runCli(['preview', 'birmingham']).stderr).toBe('error: no authority matches "birmingham"; `letters list` shows them all\n');
  });
});

describe('letters validate', () => {
  it('passes the shipped data', () => {
    const result = runCli(['validate']);
    expect(result).toEqual({ code: 0, stdout: '5 data files valid\n', stderr: '' });
  });

  it('reports every problem in every file with file, line, column and field', () => {
    const dir = tempProject({
      '2020/a-council.yaml': knowsley.replace('investigations: 12', 'investigations: twelve'),
      '2020/b-council.yaml': knowsley.replace('type: metropolitan-borough', 'type: metropolitan'),
    });
    const result = runCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'data/2020/a-council.yaml:13:19  statistics.investigations  expected a whole number, got "twelve"',
        'data/2020/b-council.yaml:4:9  authority.type  "metropolitan" is not allowed (did you mean "metropolitan-borough"? expected one of: county, district, metropolitan-borough, unitary, london-borough, combined-authority, fire-authority, national-park, other)',
        '2 problems in 2 files',
        '',
      ].join('\n'),
    );
  });
});

describe('letters diff', () => {
  it('matches all five published letters', () => {
    const result = runCli(['diff']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').at(-2)).toBe('5 letters: 5 match, 0 differ');
  });

  it('fails and shows the words when the template differs', () => {
    const dir = tempProject({ '2020/worcester-city-council.yaml': readFileSync(join(ROOT, 'data/2020/worcester-city-council.yaml'), 'utf8') });
    const letter = join(dir, 'templates/2020/letter.md.hbs');
    writeFileSync(letter, readFileSync(letter, 'utf8').replace('Again, the emphasis is on learning', 'Again, the focus is on learning'));
    const source = join(ROOT, 'test/fixtures/published/2020-worcester-city-council.txt');
    const result = runCli(['diff', source], dir);
    expect(result.code).toBe(1);
    const line = readFileSync(source, 'utf8').split('\n').findIndex((text) => text.includes('the emphasis is on learning')) + 1;
    expect(result.stdout).toBe(`DIFFER  ${source}\n  ${source}:${line}  letter  [-emphasis-]{+focus+}\n1 letter: 0 match, 1 differ\n`);
  });
});
