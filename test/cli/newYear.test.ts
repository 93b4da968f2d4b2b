import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveDate } from '../../src/newYear/moveYearFile.js';
import { jsonSchemaFiles } from '../../src/validate/jsonSchema.js';
import { ROOT, runCli, tempDir } from '../helpers.js';

/** A copy of the shipped templates, data and schemas. */
function copy(): string {
  const dir = tempDir();
  for (const folder of ['templates', 'data', 'schema']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  return dir;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
/** Every file under a folder, path → contents. */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort()
      .map((path) => [path.slice(dir.length + 1), readFileSync(path, 'utf8')]),
  );
}

function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

describe('letters new-year', { timeout: 60_000 }, () => {
  it('starts 2021 from 2020: dates moved on, figures marked for review, authorities carried over, schema written', () => {
    const dir = copy();
    const result = runCli(['new-year', '2021', '--from', '2020'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'templates/2021: from templates/2020, letter_date 2021-07-22, period 2020-04-01 to 2021-03-31',
        'data/2021: 3 authorities carried over from data/2020, without statistics or notes',
        'schema/2021.json: written',
        'still naming 2020, to review:',
        '  templates/2021/email.md.hbs:3  # Annual Review letter 2020',
        "  templates/2021/email.md.hbs:5  Please find attached the Local Government and Social Care Ombudsman's annual review letter 2020 for {{authority.name}}, with your annual summary of complaint statistics for the year ending {{year.period_end}}.",
        '  templates/2021/letter.md.hbs:7  # Annual Review letter 2020',
        '  templates/2021/year.yaml:1  # The 2020 letters (year ending 31 March 2020). Figures here are the same in',
        '  templates/2021/year.yaml:2  # every letter of the year; per-authority data lives in data/2020/.',
        '  templates/2021/year.yaml:20  publication_date: 29 July 2020',
        '  templates/2021/year.yaml:28  # message is templates/2020/email.md.hbs.',
        '  templates/2021/year.yaml:32  subject: Annual Review letter 2020',
        'next: review templates/2021/year.yaml, fill in data/2021 (`letters validate --year 2021` lists what is missing)',
        '',
      ].join('\n'),
    );

    // year.yaml: the shipped 2020 file with exactly these changes, every other byte kept.
    let expected = read(dir, 'templates/2020/year.yaml');
    expected = replaceOnce(expected, 'letter_date: 2020-07-22\n', 'letter_date: 2021-07-22\n');
    expected = replaceOnce(expected, 'period: { start: 2019-04-01, end: 2020-03-31 }\n', 'period: { start: 2020-04-01, end: 2021-03-31 }\n');
    expected = replaceOnce(
      expected,
      '# Averages of similar authorities',
      "# REVIEW: these averages are 2020's, copied by `letters new-year`. Type 2021's (`letters averages --year 2021` computes them from the data), or write `averages: from-data`; then remove this comment.\n# Averages of similar authorities",
    );
    expected = replaceOnce(expected, '\nfacts:\n', "\n# REVIEW: these facts are 2020's, copied by `letters new-year`. Check each for 2021, then remove this comment.\nfacts:\n");
    expect(read(dir, 'templates/2021/year.yaml')).toBe(expected);

    // The letter, its partials and its images are copied as they are.
    const { 'year.yaml': _was, ...templates2020 } = tree(join(dir, 'templates/2020'));
    const { 'year.yaml': _now, ...templates2021 } = tree(join(dir, 'templates/2021'));
    expect(Object.keys(templates2021)).toEqual(['email.md.hbs', 'letter.md.hbs', 'letterhead.svg', 'partials/authority-noun.hbs', 'partials/delay-note.md.hbs', 'partials/statistics.md.hbs']);
    expect(templates2021).toEqual(templates2020);

    expect(tree(join(dir, 'data/2021'))).toEqual({
      'knowsley-metropolitan-borough-council.yaml': [
        '# yaml-language-server: $schema=../../schema/2021.json',
        'authority:',
        '  name: Knowsley Metropolitan Borough Council',
        '  type: metropolitan-borough',
        'recipient:',
        '  title: Mr',
        '  surname: Harden',
        '  role: Chief Executive',
        '# The 2021 figures: fill them in, or remove `statistics` if the letter has no statistics page.',
        'statistics: {}',
        '',
      ].join('\n'),
      'liverpool-city-council.yaml': [
        '# yaml-language-server: $schema=../../schema/2021.json',
        'authority:',
        '  name: Liverpool City Council',
        '  type: metropolitan-borough',
        'recipient:',
        '  title: Mr',
        '  surname: Reeves',
        '  role: Chief Executive',
        '# The 2021 figures: fill them in, or remove `statistics` if the letter has no statistics page.',
        'statistics: {}',
        '',
      ].join('\n'),
      'worcester-city-council.yaml': [
        '# yaml-language-server: $schema=../../schema/2021.json',
        'authority:',
        '  name: Worcester City Council',
        '  type: district',
        'recipient:',
        '  title: Mr',
        '  surname: Blake',
        '  role: Managing Director',
        '# The 2021 figures: fill them in, or remove `statistics` if the letter has no statistics page.',
        'statistics: {}',
        '',
      ].join('\n'),
    });
    // The schema is the one `npm run schema` makes for the new templates.
    return jsonSchemaFiles(join(dir, 'templates')).then((schemas) => {
      expect(read(dir, 'schema/2021.json')).toBe(schemas.get('2021.json'));
      expect(readdirSync(join(dir, 'schema')).sort()).toEqual(['2018.json', '2020.json', '2021.json', '2024.json']);
    });
  });

  it('then `letters validate` lists what is still to fill in, and passes once it is', () => {
    const dir = copy();
    expect(runCli(['new-year', '2021', '--from', '2020'], dir).code).toBe(0);
    const before = runCli(['validate', '--year', '2021'], dir);
    expect(before.code).toBe(1);
    expect(before.stdout).toBe('');
    const fill = 'to fill in: investigations, upheld, satisfactory_remedies and compliance (or remove `statistics` if the letter has no statistics page)';
    expect(before.stderr).toBe(
      [
        `data/2021/knowsley-metropolitan-borough-council.yaml:10:1  statistics  ${fill}`,
        `data/2021/liverpool-city-council.yaml:10:1  statistics  ${fill}`,
        `data/2021/worcester-city-council.yaml:10:1  statistics  ${fill}`,
        "templates/2021/year.yaml:13:1  marked for review: these averages are 2020's, copied by `letters new-year`. Type 2021's (`letters averages --year 2021` computes them from the data), or write `averages: from-data`; then remove this comment.",
        "templates/2021/year.yaml:18:1  marked for review: these facts are 2020's, copied by `letters new-year`. Check each for 2021, then remove this comment.",
        '5 problems in 4 files',
        '',
      ].join('\n'),
    );
    const file = join(dir, 'data/2021/knowsley-metropolitan-borough-council.yaml');
    writeFileSync(file, read(dir, 'data/2021/knowsley-metropolitan-borough-council.yaml').replace('statistics: {}', 'statistics: { investigations: 5, upheld: 2 }'));
    const partly = runCli(['validate', '--year', '2021'], dir);
    expect(partly.stderr.split('\n')[0]).toBe('data/2021/knowsley-metropolitan-borough-council.yaml:10:13  statistics.satisfactory_remedies  is required (expected a whole number)');
    writeFileSync(file, read(dir, 'data/2021/knowsley-metropolitan-borough-council.yaml').replace('statistics: { investigations: 5, upheld: 2 }', 'statistics: { investigations: 5, upheld: 2, satisfactory_remedies: 1, compliance: { outcomes: 2, complied: 2 } }'));
    for (const slug of ['liverpool-city-council', 'worcester-city-council']) writeFileSync(join(dir, `data/2021/${slug}.yaml`), read(dir, `data/2021/${slug}.yaml`).replace('statistics: {}\n', ''));
    const yearFile = join(dir, 'templates/2021/year.yaml');
    writeFileSync(yearFile, read(dir, 'templates/2021/year.yaml').replace(/^# REVIEW:.*\n/gm, ''));
    const after = runCli(['validate', '--year', '2021'], dir);
    expect(after.stderr).toBe('');
    expect(after.stdout).toBe('3 data files valid\n');
    expect(after.code).toBe(0);
    const letter = runCli(['preview', 'knowsley', '--year', '2021'], dir);
    expect(letter.stdout).toContain('\n22 July 2021\n');
    expect(letter.stdout).toContain('40% of complaints we investigated were upheld.');
  }, 60_000);

  it('starts from the latest year by default, carrying over whom the letter is shared with', () => {
    const dir = copy();
    const result = runCli(['new-year', '2025'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('templates/2025: from templates/2024, letter_date 2025-07-17, period 2024-04-01 to 2025-03-31');
    expect(read(dir, 'templates/2025/year.yaml')).toContain(
      "# REVIEW: these averages are 2024's, copied by `letters new-year`. Type 2025's (`letters averages --year 2025` computes them from the data), or write `averages: from-data`; then remove this comment.\n# Averages of similar authorities (percent), by council type. No published\n# 2023-24 council letter is in the references yet, so none are given here.\naverages: {}\n",
    );
    expect(result.stdout).toContain('  templates/2025/letter.md.hbs:7  # Annual Review letter 2023-24\n');
    expect(read(dir, 'data/2025/liverpool-city-region-combined-authority.yaml')).toBe(
      [
        '# yaml-language-server: $schema=../../schema/2025.json',
        'authority:',
        '  name: Liverpool City Region Combined Authority',
        '  type: combined-authority',
        '  shared_with: the Mayor',
        'recipient:',
        '  title: Ms',
        '  surname: Fairclough',
        '  role: Chief Executive',
        '# The 2025 figures: fill them in, or remove `statistics` if the letter has no statistics page.',
        'statistics: {}',
        '',
      ].join('\n'),
    );
  });

  it('2018 lists its tables as what to fill in', () => {
    const dir = copy();
    expect(runCli(['new-year', '2019', '--from', '2018'], dir).code).toBe(0);
    expect(runCli(['validate', '--year', '2019'], dir).stderr).toBe(
      "data/2019/sefton-metropolitan-borough-council.yaml:10:1  statistics  to fill in: received, decisions and remedies (or remove `statistics` if the letter has no statistics page)\ntemplates/2019/year.yaml:13:1  marked for review: these facts are 2018's, copied by `letters new-year`. Check each for 2019, then remove this comment.\n2 problems in 2 files\n",
    );
  });

  it.each([
    ['templates/2021', 'templates/2021'],
    ['data/2021', 'data/2021'],
    ['schema/2021.json', 'schema/2021.json'],
  ])('never overwrites a year: with %s there, exit 1 and nothing written', (existing, named) => {
    const dir = copy();
    const path = join(dir, existing);
    if (existing.endsWith('.json')) writeFileSync(path, '{}\n');
    else cpSync(join(dir, existing.replace('2021', '2020')), path, { recursive: true });
    const before = [tree(join(dir, 'templates')), tree(join(dir, 'data')), tree(join(dir, 'schema'))];
    const result = runCli(['new-year', '2021', '--from', '2020'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: 2021 already exists: ${named} (new-year never overwrites a year; remove it first, or choose another year)\n`);
    expect([tree(join(dir, 'templates')), tree(join(dir, 'data')), tree(join(dir, 'schema'))]).toEqual(before);
  });

  it('when something fails midway, leaves nothing behind', () => {
    const dir = copy();
    writeFileSync(join(dir, 'schema.txt'), 'not a folder\n');
    const before = [readdirSync(join(dir, 'templates')), readdirSync(join(dir, 'data'))];
    const result = runCli(['new-year', '2021', '--from', '2020', '--schema', 'schema.txt'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: could not make the folder of schema.txt/2021.json: a file is in the way of a folder on its path (EEXIST); nothing written\n');
    // No 2021 folders, and no temporary ones either.
    expect([readdirSync(join(dir, 'templates')), readdirSync(join(dir, 'data'))]).toEqual(before);
  });

  it('refuses to carry over a year whose data is not valid', () => {
    const dir = copy();
    const file = join(dir, 'data/2020/knowsley-metropolitan-borough-council.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('upheld: 9', 'upheld: 13'));
    const result = runCli(['new-year', '2021', '--from', '2020'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'data/2020/knowsley-metropolitan-borough-council.yaml:14:11  statistics.upheld  is 13, more than investigations (12): expected at most 12\n1 problem in 1 file\nerror: fix the 2020 data first: nothing written\n',
    );
    expect(existsSync(join(dir, 'templates/2021')) || existsSync(join(dir, 'data/2021')) || existsSync(join(dir, 'schema/2021.json'))).toBe(false);
  });

  it.each([
    [['new-year', '2019', '--from', '2020'], 'error: 2019 is not after 2020: a new year starts from an earlier one (give it with --from)\n'],
    [['new-year', '2021', '--from', '2017'], 'error: no template for year 2017 to start from (years with templates: 2018, 2020, 2024)\n'],
    [['new-year', '21'], 'error: the new year takes four digits, e.g. 2020 (got "21")\n(run with --help for usage)\n'],
  ])('wrong usage %j exits 2', (args, message) => {
    const dir = copy();
    const result = runCli(args, dir);
    expect(result.stderr).toBe(message);
    expect(result.code).toBe(2);
    expect(readdirSync(join(dir, 'templates')).sort()).toEqual(['2018', '2020', '2024', 'partials']);
  });
});

describe('dates moved on', () => {
  it.each([
    ['2020-07-22', 1, '2021-07-22'],
    ['2020-02-29', 1, '2021-02-28'], // no 29 February in 2021
    ['2019-02-28', 1, '2020-02-28'],
    ['2018-03-31', 2, '2020-03-31'],
  ])('%s moved on %i year(s) is %s', (date, years, moved) => {
    expect(moveDate(date, years)).toBe(moved);
  });
});
