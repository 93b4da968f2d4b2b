import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject, words } from '../helpers.js';
import { readPdf } from '../pdf/readPdf.js';

/** A 2020 data file: [investigations, upheld, satisfactory remedies, compliance outcomes, complied], or none. */
function dataFile(name: string, type: string, counts?: number[]): string {
  const lines = ['# yaml-language-server: $schema=../../schema/2020.json', 'authority:', `  name: ${name}`, `  type: ${type}`];
  if (type === 'combined-authority') lines.push('  shared_with: the Mayor');
  lines.push('recipient:', '  title: Mr', '  surname: Smith', '  role: Chief Executive');
  if (counts) {
    const [investigations, upheld, remedies, outcomes, complied] = counts;
    lines.push('statistics:', `  investigations: ${investigations}`, `  upheld: ${upheld}`, `  satisfactory_remedies: ${remedies}`, `  compliance: { outcomes: ${outcomes}, complied: ${complied} }`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A handful of authorities per type, worked by hand:
 * county 9 of 17 upheld (52.9 %), 5 of 6 complied (83.3 %), 3 of 9 remedied (33.3 %), one left out;
 * district 4 of 8 (50 %), no compliance outcomes, 0 of 4;
 * metropolitan borough 10 of 15 (66.7 %), 5 of 5, 3 of 10 (30 %), one left out;
 * unitary 1 of 8 (12.5 %), 1 of 1, 0 of 1; no London borough; a combined authority that is not counted.
 */
const DATA = {
  '2020/county-a.yaml': dataFile('County A', 'county', [10, 6, 1, 4, 4]),
  '2020/county-b.yaml': dataFile('County B', 'county', [7, 3, 2, 2, 1]),
  '2020/county-c.yaml': dataFile('County C', 'county'),
  '2020/district-a.yaml': dataFile('District A', 'district', [8, 4, 0, 0, 0]),
  '2020/metropolitan-a.yaml': dataFile('Metropolitan A', 'metropolitan-borough', [12, 9, 3, 4, 4]),
  '2020/metropolitan-b.yaml': dataFile('Metropolitan B', 'metropolitan-borough', [3, 1, 0, 1, 1]),
  '2020/metropolitan-c.yaml': dataFile('Metropolitan C', 'metropolitan-borough'),
  '2020/unitary-a.yaml': dataFile('Unitary A', 'unitary', [8, 1, 0, 1, 1]),
  '2020/combined-a.yaml': dataFile('Combined A', 'combined-authority', [50, 50, 50, 50, 50]),
};

/** The shipped 2020 year with its averages replaced. */
function project(averages: string): string {
  const dir = tempProject(DATA);
  const yearFile = join(dir, 'templates/2020/year.yaml');
  const text = readFileSync(yearFile, 'utf8');
  writeFileSync(yearFile, text.replace(/^averages:\n(  .*\n)+/m, `${averages}\n`));
  return dir;
}

const TYPED = ['averages:', '  metropolitan-borough: { upheld: 67, compliance: 100, remedies: 11 }', '  unitary: { upheld: 12, compliance: 99, remedies: 0 }'].join('\n');

describe('letters averages', { timeout: 60_000 }, () => {
  it('prints each type pooled from the data beside the typed figures, flagging those beyond rounding', () => {
    const dir = project(TYPED);
    expect(readFileSync(join(dir, 'templates/2020/year.yaml'), 'utf8')).toContain('  unitary: { upheld: 12, compliance: 99, remedies: 0 }\nfacts:');
    const result = runCli(['averages', '--year', '2020'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        '2020 averages pooled from data/2020 (typed: templates/2020/year.yaml)',
        'type                  figure      computed  typed  authorities',
        'county                upheld           53%      -            2',
        'county                compliance       83%      -            2',
        'county                remedies         33%      -            2',
        'district              upheld           50%      -            1',
        'district              compliance         -      -            0',
        'district              remedies          0%      -            1',
        'metropolitan-borough  upheld           67%    67%            2',
        'metropolitan-borough  compliance      100%   100%            2',
        'metropolitan-borough  remedies         30%    11%            2  differs by more than rounding',
        'unitary               upheld           13%    12%            1',
        'unitary               compliance      100%    99%            1  differs by more than rounding',
        'unitary               remedies          0%     0%            1',
        'london-borough        upheld             -      -            0',
        'london-borough        compliance         -      -            0',
        'london-borough        remedies           -      -            0',
        'with statistics, pooled: county 2, district 1, metropolitan-borough 2, unitary 1, london-borough 0',
        'without statistics, left out: county 1, metropolitan-borough 1',
        '2 of 6 typed figures differ from the data by more than rounding',
        '',
      ].join('\n'),
    );
  });

  it('--json gives the same figures for scripts', () => {
    const result = runCli(['averages', '--year', '2020', '--json'], project(TYPED));
    const json = JSON.parse(result.stdout);
    expect(json.fromData).toBe(false);
    expect(json.rows.filter((row: { differs: boolean }) => row.differs).map((row: { type: string; figure: string }) => `${row.type} ${row.figure}`)).toEqual(['metropolitan-borough remedies', 'unitary compliance']);
    expect(json.types[0].rates.upheld).toEqual({ part: 9, whole: 17, authorities: 2, rate: 53 });
  });

  it('lists the problems and prints no figures when a data file is bad', () => {
    const dir = project(TYPED);
    writeFileSync(join(dir, 'data/2020/county-b.yaml'), dataFile('County B', 'county', [7, 8, 2, 2, 1]));
    const result = runCli(['averages', '--year', '2020'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('data/2020/county-b.yaml:11:11  statistics.upheld  is 8, more than investigations (7): expected at most 7\n1 problem in 1 file\n');
  });

  it('shipped years keep their typed averages in the letters', () => {
    const result = runCli(['preview', 'knowsley', '--year', '2020']);
    expect(words(result.stdout)).toContain('75% of complaints we investigated were upheld. This compares to an average of 67% in similar authorities.');
  });
});

describe('averages: from-data', { timeout: 60_000 }, () => {
  it('has the letters compare with the averages computed from the data', () => {
    const dir = project('averages: from-data');
    const preview = runCli(['preview', 'metropolitan-a', '--year', '2020'], dir);
    expect(preview.code).toBe(0);
    const text = words(preview.stdout);
    expect(text).toContain('75% of complaints we investigated were upheld. This compares to an average of 67% in similar authorities.');
    expect(text).toContain('In 100% of cases we were satisfied the authority had successfully implemented our recommendations. This compares to an average of 100% in similar authorities.');
    expect(text).toContain('In 33% of upheld cases we found the authority had provided a satisfactory remedy before the complaint reached the Ombudsman. This compares to an average of 30% in similar authorities.');
    // A type with no compliance outcomes has no full set of averages: its letters leave the lines out, with the usual warning.
    const district = runCli(['preview', 'district-a', '--year', '2020'], dir);
    expect(district.stderr).toBe('data/2020/district-a.yaml:4:9  authority.type  warning: the year has no averages for district: the "compares to an average" lines are left out\n');
    expect(words(district.stdout)).not.toContain('compares to an average');
  });

  it('any other word is refused, naming both forms', () => {
    const result = runCli(['validate'], project('averages: from-date'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'templates/2020/year.yaml:15:11  averages  expected "from-data" or a map with keys county, district, metropolitan-borough, unitary, london-borough, got "from-date"\n1 problem in 1 file\n',
    );
  });

  it('the table says the letters use the computed figures, with no typed column', () => {
    const result = runCli(['averages', '--year', '2020'], project('averages: from-data'));
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('2020 averages pooled from data/2020 (year.yaml says averages: from-data, so the letters use the computed figures)');
    expect(lines[10]).toBe('metropolitan-borough  remedies         30%      -            2');
    expect(lines.at(-2)).toBe('without statistics, left out: county 1, metropolitan-borough 1');
  });

  it("a change in another authority's figures remakes the letters that compare with them", () => {
    const dir = project('averages: from-data');
    const build = () => runCli(['build', '--year', '2020', '--format', 'text', '--out', 'out'], dir);
    expect(build().stdout).toMatch(/^9 letters \(9 written, 0 skipped unchanged\)/);
    expect(build().stdout).toMatch(/^9 letters \(0 written, 9 skipped unchanged\)/);
    // Metropolitan B: 1 upheld of 3 becomes 0, so the type's average is 9 of 15, 60%.
    writeFileSync(join(dir, 'data/2020/metropolitan-b.yaml'), dataFile('Metropolitan B', 'metropolitan-borough', [3, 0, 0, 1, 1]));
    expect(build().stdout).toMatch(/^9 letters \(9 written, 0 skipped unchanged\)/);
    expect(words(readFileSync(join(dir, 'out/2020/metropolitan-a.txt'), 'utf8'))).toContain('75% of complaints we investigated were upheld. This compares to an average of 60% in similar authorities.');
  }, 60_000);

  it('PDFs made on worker threads use the computed averages too', async () => {
    const dir = project('averages: from-data');
    const result = runCli(['build', '--year', '2020', '--format', 'pdf', '--jobs', '2', '--out', 'out'], dir);
    expect(result.code).toBe(0);
    const pdf = await readPdf(readFileSync(join(dir, 'out/2020/metropolitan-a.pdf')));
    expect(words(pdf.pages.join(' '))).toContain('This compares to an average of 30% in similar authorities.');
  }, 120_000);
});
