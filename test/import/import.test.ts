import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir, tempProject } from '../helpers.js';
import { xlsxBytes, type TestCell } from './sheets.js';

const KNOWSLEY_BY_HAND = `# yaml-language-server: $schema=../../schema/2020.json
# Checked by hand against the 2020 return.
authority:
  name: Knowsley Metropolitan Borough Council
  type: metropolitan-borough     # county | district | metropolitan-borough

recipient:
  title: Mr
  surname: 'Harden'              # as on the letterhead
  role: Chief Executive
training:
  courses: 1
  kind: children's social care complaint handling
statistics:
  investigations: 10   # before review
  upheld: 8
  satisfactory_remedies: 3
  compliance: { outcomes: 4, complied: 4 }
`;

/** Every file under `dir` with its bytes, to prove nothing was written. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

const TITLE = 'Local Government and Social Care Ombudsman: annual review data 2019-20';
const HEADERS: TestCell[] = [
  'Authority\nname',
  'AUTHORITY  TYPE',
  'Detailed\u00a0investigations',
  'upheld',
  'Satisfactory remedies',
  'statistics.compliance.outcomes',
  'Complied',
  'Uphold rate',
  'Region',
  'Recipient title',
  'Recipient surname',
  'Recipient role',
];

async function goodSheet(): Promise<Buffer> {
  return xlsxBytes({
    'Statistics 2019-20': [
      [TITLE],
      [],
      HEADERS,
      ['\u00a0Knowsley  Metropolitan Borough Council ', 'Metropolitan Borough', '12', { formula: 'C4-3', result: 9 }, 3, 4, 4, { value: 0.75, format: '0%' }, 'North West', null, null, null],
      ["King's Lynn & West Norfolk Borough Council", 'District Council', '1,234', 617, 200, 3, 2, '50%', 'East', 'Ms', 'Lynn\u00a0', 'Chief Executive'],
      ['Wigan Council', 'Metropolitan Borough (Council)', null, null, null, null, null, null, 'North West', 'Ms', 'Jones', 'Chief Executive'],
      ['Totals', null, { formula: 'SUM(C4:C6)', result: 1246 }, 626, 203, 7, 6, null, null, null, null, null],
    ],
  });
}

describe('letters import', { timeout: 60_000 }, () => {
  it('updates only the fields the sheet gives, keeping every other byte, and creates new files with the schema line first', async () => {
    const dir = tempProject({ '2020/knowsley-metropolitan-borough-council.yaml': KNOWSLEY_BY_HAND });
    writeFileSync(join(dir, 'stats.xlsx'), await goodSheet());
    const result = runCli(['import', 'stats.xlsx', '--year', '2020'], dir);
    expect(result.stderr).toBe(
      [`stats.xlsx:'Statistics 2019-20'!A3  columns ignored (no data field): "Region"`, `stats.xlsx:'Statistics 2019-20'!A7  "Totals" is a totals row: skipped`, ''].join('\n'),
    );
    expect(result.stdout).toBe('4 rows read: 2 created, 1 updated, 0 unchanged, 1 row skipped\n');
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'data/2020/knowsley-metropolitan-borough-council.yaml'), 'utf8')).toBe(
      KNOWSLEY_BY_HAND.replace('investigations: 10   # before review', 'investigations: 12   # before review').replace('upheld: 8', 'upheld: 9').replace(
        '  compliance: { outcomes: 4, complied: 4 }\n',
        '  compliance: { outcomes: 4, complied: 4 }\n  upheld_rate: 75\n',
      ),
    );
    expect(readFileSync(join(dir, 'data/2020/kings-lynn-and-west-norfolk-borough-council.yaml'), 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=../../schema/2020.json',
        'authority:',
        "  name: King's Lynn & West Norfolk Borough Council",
        '  type: district',
        'recipient:',
        '  title: Ms',
        '  surname: Lynn',
        '  role: Chief Executive',
        'statistics:',
        '  investigations: 1234',
        '  upheld: 617',
        '  satisfactory_remedies: 200',
        '  compliance:',
        '    outcomes: 3',
        '    complied: 2',
        '  upheld_rate: 50',
        '',
      ].join('\n'),
    );
    // All its statistics blank: a letter without statistics.
    expect(readFileSync(join(dir, 'data/2020/wigan-council.yaml'), 'utf8')).toBe(
      ['# yaml-language-server: $schema=../../schema/2020.json', 'authority:', '  name: Wigan Council', '  type: metropolitan-borough', 'recipient:', '  title: Ms', '  surname: Jones', '  role: Chief Executive', ''].join('\n'),
    );

    // The letters say the sheet's figures.
    const build = runCli(['build', '--year', '2020', '--format', 'text', '--out', 'out'], dir);
    expect(build.code).toBe(0);
    const knowsley = readFileSync(join(dir, 'out/2020/knowsley-metropolitan-borough-council.txt'), 'utf8');
    expect(knowsley).toContain('75% of complaints we investigated were upheld.');
    expect(knowsley).toContain('In 33% of upheld cases we found the authority had provided a satisfactory remedy before the complaint reached the Ombudsman.');
    const lynn = readFileSync(join(dir, 'out/2020/kings-lynn-and-west-norfolk-borough-council.txt'), 'utf8');
    expect(lynn).toContain('Dear Ms Lynn');
    expect(lynn).toContain('50% of complaints we investigated were upheld.');
    expect(lynn).toContain('In 67% of cases we were satisfied the authority had successfully implemented our recommendations.');
    expect(lynn).toContain('Statistics are based on a total of 1234 detailed investigations')
  }, 60_000);

  it('knows a totals row without a name by its sums, a percent sign that is only shown, and more words for types', async () => {
    const dir = tempProject({});
    const headers: TestCell[] = ['Local authority', 'Type', 'Investigations', 'Upheld decisions', 'Satisfactory remedies', 'Compliance outcomes', 'Complied', 'Upheld rate'];
    writeFileSync(
      join(dir, 'stats.xlsx'),
      await xlsxBytes({
        Sheet1: [
          headers,
          ['Fooshire County Council', 'Shire County', 10, 5, 1, 2, 2, { value: 50, format: '0"%"' }],
          ['Barset District Council', 'Non-metropolitan district', 10, 5, 1, 2, 2, null],
          [null, null, { formula: 'SUM(C2:C3)', result: 20 }, 10, 2, 4, 4, null],
        ],
      }),
    );
    const result = runCli(['import', 'stats.xlsx', '--year', '2020'], dir);
    expect(result.stderr).toBe('stats.xlsx:Sheet1!A4  a row without a name whose figures are the sums of the rows above is a totals row: skipped\n');
    expect(result.stdout).toBe(
      [
        '2 files lack what the sheet does not give (`letters validate --year 2020` lists it):',
        '  data/2020/fooshire-county-council.yaml: recipient',
        '  data/2020/barset-district-council.yaml: recipient',
        '3 rows read: 2 created, 0 updated, 0 unchanged, 1 row skipped',
        '',
      ].join('\n'),
    );
    const fooshire = readFileSync(join(dir, 'data/2020/fooshire-county-council.yaml'), 'utf8');
    expect(fooshire).toContain('  type: county\n');
    expect(fooshire).toContain('  upheld_rate: 50\n');
    expect(readFileSync(join(dir, 'data/2020/barset-district-council.yaml'), 'utf8')).toContain('  type: district\n');
  });

  it('lists every problem by cell, sorted, with a count, and writes nothing', async () => {
    const dir = tempProject({ '2020/knowsley-metropolitan-borough-council.yaml': KNOWSLEY_BY_HAND });
    writeFileSync(
      join(dir, 'stats.xlsx'),
      await xlsxBytes({
        Sheet1: [
          [TITLE],
          ['Authority', 'Authority type', 'Detailed investigations', 'Upheld', 'Satisfactory remedies', 'Compliance outcomes', 'Complied'],
          ['Knowsley Metropolitan Borough Council', 'Metropolitan Borough', 12, 13, 3, 4, 4],
          ['Fooshire County Council', 'County Council', 12.5, 1, 0, 0, 0],
          ['Barset District Council', 'Parish Council', -2, 'n/a', 0, 0, null],
          ['Knowsley Metropolitan Borough Council', 'Metropolitan Borough', 1, 1, 1, 1, 1],
          [null, 'District Council', 1, 1, 1, 1, 1],
        ],
      }),
    );
    const before = snapshot(dir);
    const result = runCli(['import', 'stats.xlsx', '--year', '2020'], dir);
    expect(result.stderr).toBe(
      [
        'stats.xlsx:Sheet1!D3  statistics.upheld  is 13, more than investigations (12): expected at most 12',
        'stats.xlsx:Sheet1!C4  statistics.investigations  expected a whole number, got the fraction 12.5',
        'stats.xlsx:Sheet1!B5  authority.type  "Parish Council" is not allowed (expected one of: county, district, metropolitan-borough, unitary, london-borough, combined-authority, fire-authority, national-park, other)',
        'stats.xlsx:Sheet1!C5  statistics.investigations  must be 0 or more, got -2',
        'stats.xlsx:Sheet1!D5  statistics.upheld  expected a whole number, got "n/a"',
        'stats.xlsx:Sheet1!G5  statistics.compliance.complied  is blank, but this row fills other statistics columns: fill it in, or leave every statistics column blank',
        'stats.xlsx:Sheet1!A6  authority.name  is a second row for Knowsley Metropolitan Borough Council (the first is Sheet1!A3)',
        'stats.xlsx:Sheet1!A7  authority.name  is blank: every row names its authority',
        '8 problems',
        'nothing written (use --keep-going to import the rows without problems)',
        '',
      ].join('\n'),
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it('names CSV cells by line and column, and with --keep-going imports the good rows', () => {
    const csv = ['Authority,Authority type,Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied', 'Fooshire County Council,County,10,5,"1,0",2,2', '"Barset', 'District Council",District,4,2,1,1,1', ''].join('\r\n');
    const dir = tempProject({});
    writeFileSync(join(dir, 'stats.csv'), csv);
    const result = runCli(['import', 'stats.csv', '--year', '2020', '--keep-going'], dir);
    expect(result.stderr).toBe(['stats.csv:2:5  statistics.satisfactory_remedies  expected a whole number, got "1,0"', '1 problem', ''].join('\n'));
    expect(result.stdout).toBe(
      [
        '1 file lacks what the sheet does not give (`letters validate --year 2020` lists it):',
        '  data/2020/barset-district-council.yaml: recipient',
        '2 rows read: 1 created, 0 updated, 0 unchanged, 1 row skipped',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
    expect(readdirSync(join(dir, 'data/2020'))).toEqual(['barset-district-council.yaml']);
    // A name broken over two lines of a quoted cell is one name.
    expect(readFileSync(join(dir, 'data/2020/barset-district-council.yaml'), 'utf8')).toContain('  name: Barset District Council\n');
    const validate = runCli(['validate', '--year', '2020'], dir);
    expect(validate.stderr).toBe(['data/2020/barset-district-council.yaml:2:1  recipient  is required (expected a map with keys title, forename, surname, role, email)', '1 problem in 1 file', ''].join('\n'));
  });

  it('says which required column is missing and the nearest header present', async () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'stats.xlsx'), await xlsxBytes({ Sheet1: [['Authority', 'Type', 'Detailed investigations', 'Upheld cases', 'Satisfactory remedies', 'Compliance outcomes', 'Complied'], ['Fooshire County Council', 'County', 1, 1, 1, 1, 1]] }));
    const result = runCli(['import', 'stats.xlsx', '--year', '2020'], dir);
    expect(result.stderr).toBe(
      [
        'stats.xlsx:Sheet1!A1  columns ignored (no data field): "Upheld cases"',
        'stats.xlsx:Sheet1!A1  statistics.upheld  no column headed "Upheld"; the nearest header present is "Upheld cases"',
        '1 problem',
        'nothing written (use --keep-going to import the rows without problems)',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
    expect(readdirSync(join(dir, 'data'))).toEqual([]);
  });

  it('refuses other file types and unknown sheets as wrong usage', async () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'stats.ods'), 'x');
    writeFileSync(join(dir, 'stats.xlsx'), await xlsxBytes({ Data: [['Authority']] }));
    const ods = runCli(['import', 'stats.ods', '--year', '2020'], dir);
    expect(ods.stderr).toBe('error: stats.ods: spreadsheets are read from .xlsx or .csv files (got ".ods")\n');
    expect(ods.code).toBe(2);
    const sheet = runCli(['import', 'stats.xlsx', '--year', '2020', '--sheet', 'Summary'], dir);
    expect(sheet.stderr).toBe('error: stats.xlsx has no sheet "Summary" (its sheets: "Data")\n');
    expect(sheet.code).toBe(2);
    expect(runCli(['import', 'stats.xlsx'], dir).code).toBe(2);
  });

  it('--dry-run prints each file created, updated (field old → new) or unchanged, and writes nothing', async () => {
    const dir = tempProject({ '2020/knowsley-metropolitan-borough-council.yaml': KNOWSLEY_BY_HAND, '2020/liverpool-city-council.yaml': readFileSync(join(ROOT, 'data/2020/liverpool-city-council.yaml'), 'utf8') });
    writeFileSync(join(dir, 'stats.xlsx'), await goodSheet());
    const liverpool: TestCell[] = ['Liverpool City Council', 'Metropolitan Borough', null, null, null, null, null, null, null, 'Mr', 'Reeves', 'Chief Executive'];
    writeFileSync(join(dir, 'more.xlsx'), await xlsxBytes({ Sheet1: [HEADERS, liverpool] }));
    const before = snapshot(dir);
    const result = runCli(['import', 'stats.xlsx', '--year', '2020', '--dry-run'], dir);
    expect(result.stdout).toBe(
      [
        'updated  data/2020/knowsley-metropolitan-borough-council.yaml',
        '  statistics.investigations: 10 → 12',
        '  statistics.upheld: 8 → 9',
        '  statistics.upheld_rate: (none) → 75',
        'created  data/2020/kings-lynn-and-west-norfolk-borough-council.yaml',
        'created  data/2020/wigan-council.yaml',
        '4 rows read: 2 created, 1 updated, 0 unchanged, 1 row skipped (dry run: nothing written)',
        '',
      ].join('\n'),
    );
    const unchanged = runCli(['import', 'more.xlsx', '--year', '2020', '--dry-run'], dir);
    expect(unchanged.stdout).toBe(['unchanged  data/2020/liverpool-city-council.yaml', '1 row read: 0 created, 0 updated, 1 unchanged, 0 rows skipped (dry run: nothing written)', ''].join('\n'));
    expect(snapshot(dir)).toEqual(before);
  });

  it('does not rewrite a file whose values do not change', async () => {
    const dir = tempProject({ '2020/knowsley-metropolitan-borough-council.yaml': KNOWSLEY_BY_HAND });
    const file = join(dir, 'data/2020/knowsley-metropolitan-borough-council.yaml');
    const row: TestCell[] = ['Knowsley Metropolitan Borough Council', 'metropolitan-borough', 10, 8, 3, 4, 4];
    writeFileSync(join(dir, 'same.xlsx'), await xlsxBytes({ Sheet1: [HEADERS.slice(0, 7), row] }));
    const inode = statSync(file).ino;
    const result = runCli(['import', 'same.xlsx', '--year', '2020'], dir);
    expect(result.stdout).toBe('1 row read: 0 created, 0 updated, 1 unchanged, 0 rows skipped\n');
    // Written files are renamed into place: the same inode means the file was never replaced.
    expect(statSync(file).ino).toBe(inode);
    expect(readFileSync(file, 'utf8')).toBe(KNOWSLEY_BY_HAND);
  });
});
