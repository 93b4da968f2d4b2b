import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempProject, words } from '../helpers.js';
import { readPdf } from '../pdf/readPdf.js';

/** A 2024 council's data file: [investigations, upheld], and its population when given. */
function council(name: string, type: string, [investigations, upheld]: [number, number], population?: number | string): string {
  return [
    '# yaml-language-server: $schema=../../schema/2024.json',
    'authority:',
    `  name: ${name}`,
    `  type: ${type}`,
    ...(population === undefined ? [] : [`  population: ${population}`]),
    'recipient:',
    '  title: Ms',
    '  surname: Smith',
    '  role: Chief Executive',
    'statistics:',
    `  investigations: ${investigations}`,
    `  upheld: ${upheld}`,
    '  satisfactory_remedies: 2',
    '  compliance: { outcomes: 5, complied: 5 }',
    '',
  ].join('\n');
}

/*
 * Worked by hand:
 * Unitary A: 22 upheld of 400,000 residents = 5.5 per 100,000; Unitary B: 3 upheld of 250,000 = 1.2.
 * Pooled: (22 + 3) ÷ (400,000 + 250,000) × 100,000 = 25 ÷ 650,000 × 100,000 = 3.846… → 3.8;
 * Unitary C (no population) and Unitary D (a population of 0) count in neither sum.
 * The other averages pool all four: upheld 22 + 3 + 10 + 10 = 45 of 40 + 10 + 20 + 20 = 90 (50%), complied 20 of 20, remedies 8 of 45 (18%).
 */
const DATA = {
  '2024/unitary-a.yaml': council('Unitary A', 'unitary', [40, 22], 400_000),
  '2024/unitary-b.yaml': council('Unitary B', 'unitary', [10, 3], 250_000),
  '2024/unitary-c.yaml': council('Unitary C', 'unitary', [20, 10]),
  '2024/unitary-d.yaml': council('Unitary D', 'unitary', [20, 10], 0),
};

/** The shipped templates with the 2024 averages replaced. */
function project(averages: string, data: Record<string, string> = DATA): string {
  const dir = tempProject(data);
  const yearFile = join(dir, 'templates/2024/year.yaml');
  const text = readFileSync(yearFile, 'utf8');
  if (!text.includes('\naverages: {}\n')) throw new Error('test setup: the 2024 averages line moved');
  writeFileSync(yearFile, text.replace('\naverages: {}\n', `\n${averages}\n`));
  return dir;
}

const TYPED = 'averages:\n  unitary: { upheld: 50, compliance: 100, remedies: 18, upheld_per_100000: 4 }';

function letter(dir: string, slug: string): string {
  const result = runCli(['preview', slug, '--year', '2024'], dir);
  expect(result.code).toBe(0);
  return words(result.stdout);
}

describe('upheld decisions per 100,000 residents in a 2024 council letter', { timeout: 60_000 }, () => {
  it('is said under "Complaints upheld" beside the typed average, always with one decimal place', () => {
    const text = letter(project(TYPED), 'unitary-a');
    expect(text).toContain(
      'Complaints upheld 55% of complaints we investigated were upheld. This compares to an average of 50% in similar organisations. 22 upheld decisions ' +
        '5.5 upheld decisions per 100,000 residents. The average for comparable authorities is 4.0. ' +
        'Statistics are based on a total of 40 detailed investigations for the period between 1 April 2023 to 31 March 2024 Compliance with Ombudsman recommendations',
    );
  });

  it('the PDF and HTML letters say it too', async () => {
    const dir = project(TYPED);
    const result = runCli(['build', '--year', '2024', '--authority', 'unitary-a', '--format', 'pdf,html', '--out', 'out'], dir);
    expect(result.code).toBe(0);
    const sentence = '5.5 upheld decisions per 100,000 residents. The average for comparable authorities is 4.0.';
    const pdf = await readPdf(readFileSync(join(dir, 'out/2024/unitary-a.pdf')));
    expect(words(pdf.pages.join(' '))).toContain(sentence);
    const html = readFileSync(join(dir, 'out/2024/unitary-a.html'), 'utf8');
    expect(words(html.replace(/<[^>]+>/g, ''))).toContain(sentence);
  });

  it('with averages: from-data, beside the average pooled from the authorities with a population', () => {
    const dir = project('averages: from-data');
    expect(letter(dir, 'unitary-b')).toContain('1.2 upheld decisions per 100,000 residents. The average for comparable authorities is 3.8.');
    // An authority without a population has no figure of its own, and still compares on the other three.
    const c = letter(dir, 'unitary-c');
    expect(c).not.toContain('per 100,000');
    expect(c).toContain('50% of complaints we investigated were upheld. This compares to an average of 50% in similar organisations.');
  });

  it('without an average for it, the figure stands alone', () => {
    const text = letter(project('averages:\n  unitary: { upheld: 50, compliance: 100, remedies: 18 }'), 'unitary-a');
    expect(text).toContain('22 upheld decisions 5.5 upheld decisions per 100,000 residents. Statistics are based on');
  });

  it('a population of 0 or none gives no figure and no error', () => {
    const dir = project(TYPED);
    for (const slug of ['unitary-c', 'unitary-d']) {
      const result = runCli(['preview', slug, '--year', '2024'], dir);
      expect(result.stderr).toBe('');
      expect(words(result.stdout)).toContain('10 upheld decisions Statistics are based on a total of 20 detailed investigations');
    }
  });

  it('a body that is not a council says nothing of it: the Liverpool City Region letter is unchanged by a population', () => {
    const shipped = readFileSync(join(ROOT, 'data/2024/liverpool-city-region-combined-authority.yaml'), 'utf8');
    const withPopulation = shipped.replace('  shared_with: the Mayor\n', '  shared_with: the Mayor\n  population: 1600000\n');
    expect(withPopulation).not.toBe(shipped);
    const before = runCli(['preview', 'liverpool-city-region-combined-authority'], project(TYPED, { '2024/liverpool-city-region-combined-authority.yaml': shipped }));
    const after = runCli(['preview', 'liverpool-city-region-combined-authority'], project(TYPED, { '2024/liverpool-city-region-combined-authority.yaml': withPopulation }));
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(after.stdout).not.toContain('per 100,000');
  });
});

describe('letters new-year with populations', { timeout: 60_000 }, () => {
  it("leaves last year's population out of the new year's data files, as its statistics", () => {
    const dir = project(TYPED, { '2024/unitary-a.yaml': DATA['2024/unitary-a.yaml'] });
    const result = runCli(['new-year', '2025', '--from', '2024'], dir);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'data/2025/unitary-a.yaml'), 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=../../schema/2025.json',
        'authority:',
        '  name: Unitary A',
        '  type: unitary',
        'recipient:',
        '  title: Ms',
        '  surname: Smith',
        '  role: Chief Executive',
        '# The 2025 figures: fill them in, or remove `statistics` if the letter has no statistics page.',
        'statistics: {}',
        '',
      ].join('\n'),
    );
  });
});

describe('letters averages with populations', { timeout: 60_000 }, () => {
  it('shows the pooled figure per 100,000 beside the typed one', () => {
    const result = runCli(['averages', '--year', '2024'], project(TYPED));
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[1]).toBe('type                  figure             computed  typed  authorities');
    expect(lines.slice(14, 18)).toEqual([
      'unitary               upheld                  50%    50%            4',
      'unitary               compliance             100%   100%            4',
      'unitary               remedies                18%    18%            4',
      'unitary               upheld_per_100000       3.8    4.0            2  differs by more than rounding',
    ]);
    expect(lines.at(-2)).toBe('1 of 4 typed figures differ from the data by more than rounding');
    const json = JSON.parse(runCli(['averages', '--year', '2024', '--json'], project(TYPED)).stdout);
    expect(json.types[3].rates.upheld_per_100000).toEqual({ part: 25, whole: 650_000, authorities: 2, rate: 3.8 });
  });
});

describe('bad populations and statistics shapes', { timeout: 60_000 }, () => {
  const Y = 'templates/2024/year.yaml';
  it.each([
    ['a negative population', { '2024/unitary-a.yaml': council('Unitary A', 'unitary', [40, 22], -5) }, ['data/2024/unitary-a.yaml:5:15  authority.population  must be 0 or more, got -5']],
    ['a population in words', { '2024/unitary-a.yaml': council('Unitary A', 'unitary', [40, 22], 'lots') }, ['data/2024/unitary-a.yaml:5:15  authority.population  expected a whole number, got "lots"']],
    ['a population with a fraction', { '2024/unitary-a.yaml': council('Unitary A', 'unitary', [40, 22], 1.5) }, ['data/2024/unitary-a.yaml:5:15  authority.population  expected a whole number, got the fraction 1.5']],
  ])('%s', (_name, data, lines) => {
    const result = runCli(['validate', '--year', '2024'], project(TYPED, data));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${lines.join('\n')}\n1 problem in 1 file\n`);
  });

  it('a typed average per 100,000 with two decimal places', () => {
    const dir = project('averages:\n  unitary: { upheld: 50, compliance: 100, remedies: 18, upheld_per_100000: 4.65 }');
    const line = readFileSync(join(dir, Y), 'utf8').split('\n').findIndex((text) => text.includes('4.65')) + 1;
    const result = runCli(['validate', '--year', '2024'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${Y}:${line}:76  averages.unitary.upheld_per_100000  must have at most one decimal place, e.g. 4.6\n1 problem in 1 file\n`);
  });

  it('a year.yaml naming no statistics shape is a problem at its line and column, listing the shapes', () => {
    const dir = project(TYPED);
    const yearFile = join(dir, Y);
    writeFileSync(yearFile, readFileSync(yearFile, 'utf8').replace('  statistics: outcomes\n', '  statistics: charts\n'));
    const result = runCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${Y}:4:15  data.statistics  "charts" is not allowed (expected one of: outcomes, tables)\n1 problem in 1 file\n`);
    writeFileSync(yearFile, readFileSync(yearFile, 'utf8').replace('  statistics: charts\n', '  statistics: table\n'));
    expect(runCli(['build', '--out', 'out'], dir).stderr).toBe(`${Y}:4:15  data.statistics  "table" is not allowed (did you mean "tables"? expected one of: outcomes, tables)\n1 problem in 1 file\nnothing written (use --keep-going to write the valid letters)\n`);
  });

  it('a population is a field of the outcomes shape only: a 2018 data file with one is told so', () => {
    const sefton = readFileSync(join(ROOT, 'data/2018/sefton-metropolitan-borough-council.yaml'), 'utf8');
    const dir = tempProject({ '2018/sefton.yaml': sefton.replace('  type: metropolitan-borough\n', '  type: metropolitan-borough\n  population: 275000\n') });
    const result = runCli(['validate', '--year', '2018'], dir);
    expect(result.stderr).toBe('data/2018/sefton.yaml:5:3  authority.population  unknown key `population` (expected `name`, `type`, `shared_with`)\n1 problem in 1 file\n');
  });
});
