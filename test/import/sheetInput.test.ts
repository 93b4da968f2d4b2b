import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';
import { xlsxBytes, xlsxRows, type TestCell } from './sheets.js';

const HEADER = 'Authority,Authority type,Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied';

/** Values a spreadsheet would run as formulas, each valid data. */
const FORMULAS = `# yaml-language-server: $schema=../../schema/2020.json
authority:
  name: =HYPERLINK("http://evil.example","x")
  type: other
  shared_with: "'=already quoted"
recipient:
  title: +Dr
  forename: "@admin"
  surname: "-2+3"
  role: "'quoted role'"
statistics:
  investigations: 4
  upheld: 2
  satisfactory_remedies: 1
  compliance: { outcomes: 1, complied: 1 }
`;

describe('what a sheet says is what import stores', { timeout: 60_000 }, () => {
  it('exports text a spreadsheet would run as a formula behind a quote, as CSV, and imports it back to the same value; .xlsx cells stay text', async () => {
    const dir = tempProject({ '2020/formulas.yaml': FORMULAS });
    const csv = runCli(['export', '--year', '2020'], dir);
    expect(csv.stdout.split('\n')[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")",Other,''=already quoted,'+Dr,'@admin,'-2+3,'quoted role',,,,,,,,4,2,1,1,1,`);
    writeFileSync(join(dir, 'formulas.csv'), csv.stdout);
    expect(runCli(['import', 'formulas.csv', '--year', '2020'], dir).stdout).toBe('1 row read: 0 created, 0 updated, 1 unchanged, 0 rows skipped\n');

    expect(runCli(['export', '--year', '2020', '--out', 'formulas.xlsx'], dir).code).toBe(0);
    const { 2020: rows } = await xlsxRows(readFileSync(join(dir, 'formulas.xlsx')));
    expect(rows![1]!.slice(0, 7)).toEqual(['=HYPERLINK("http://evil.example","x")', 'Other', "'=already quoted", '+Dr', '@admin', '-2+3', "'quoted role'"]);
    expect(runCli(['import', 'formulas.xlsx', '--year', '2020'], dir).stdout).toBe('1 row read: 0 created, 0 updated, 1 unchanged, 0 rows skipped\n');
    expect(readFileSync(join(dir, 'data/2020/formulas.yaml'), 'utf8')).toBe(FORMULAS);
  });

  it('keeps a tab that starts a cell, rather than strip it and store a formula, and exports it behind a quote again', () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'stats.csv'), `${HEADER},Shared with,Recipient title,Recipient surname,Recipient role\nFooshire County Council,County,4,2,1,1,1,"\t=cmd|' /C calc'!A0",Mr,Smith,Chief Executive\n`);
    expect(runCli(['import', 'stats.csv', '--year', '2020'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'data/2020/fooshire-county-council.yaml'), 'utf8')).toContain(`  shared_with: "\\t=cmd|' /C calc'!A0"\n`);
    const exported = runCli(['export', '--year', '2020'], dir);
    expect(exported.stdout.split('\n')[1]).toBe(`Fooshire County Council,County Council,'\t=cmd|' /C calc'!A0,Mr,,Smith,Chief Executive,,,,,,,,4,2,1,1,1,`);
    writeFileSync(join(dir, 'again.csv'), exported.stdout);
    expect(runCli(['import', 'again.csv', '--year', '2020'], dir).stdout).toBe('1 row read: 0 created, 0 updated, 1 unchanged, 0 rows skipped\n');
  });

  it('refuses CSV that is not UTF-8, naming the line and cell of the first such byte, and reads it with --encoding', () => {
    const dir = tempProject({});
    // "Café" in Latin-1 / windows-1252: é is the single byte 0xE9.
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\nBarset District Council,District,4,2,1,1,1\nCaf`), Buffer.from([0xe9]), Buffer.from(' Council,District,4,2,1,1,1\n')]);
    writeFileSync(join(dir, 'stats.csv'), latin1);
    const refused = runCli(['import', 'stats.csv', '--year', '2020'], dir);
    expect(refused.stderr).toBe('error: stats.csv:3:1  is not UTF-8 text (byte 0xE9): save the sheet as "CSV UTF-8", or name the encoding it is in, e.g. --encoding windows-1252\n');
    expect(refused.code).toBe(1);

    // UTF-8 named is checked as strictly as UTF-8 assumed.
    expect(runCli(['import', 'stats.csv', '--year', '2020', '--encoding', 'UTF-8'], dir).stderr).toBe(refused.stderr);

    const read = runCli(['import', 'stats.csv', '--year', '2020', '--encoding', 'windows-1252'], dir);
    expect(read.code).toBe(0);
    expect(readFileSync(join(dir, 'data/2020/cafe-council.yaml'), 'utf8')).toContain('  name: Café Council\n');

    const unknown = runCli(['import', 'stats.csv', '--year', '2020', '--encoding', 'klingon'], dir);
    expect(unknown.stderr).toBe('error: --encoding klingon is not an encoding known here (e.g. utf-8, windows-1252, iso-8859-1, utf-16le)\n');
    expect(unknown.code).toBe(2);
  });

  it('names the cell of a bad byte further along a line, and reads UTF-8 with a byte-order mark', () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'bad.csv'), Buffer.concat([Buffer.from(`\uFEFF${HEADER},Recipient surname\n"Fooshire, County Council",County,4,2,1,1,1,M`), Buffer.from([0xfc]), Buffer.from('ller\n')]));
    expect(runCli(['import', 'bad.csv', '--year', '2020'], dir).stderr).toBe(
      'error: bad.csv:2:8  is not UTF-8 text (byte 0xFC): save the sheet as "CSV UTF-8", or name the encoding it is in, e.g. --encoding windows-1252\n',
    );
    writeFileSync(join(dir, 'good.csv'), `\uFEFF${HEADER},Recipient title,Recipient surname\nFooshire County Council,County,4,2,1,1,1,Dr,Müller\n`);
    expect(runCli(['import', 'good.csv', '--year', '2020'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'data/2020/fooshire-county-council.yaml'), 'utf8')).toContain('  surname: Müller\n');
  });

  it('reads CSV separated by semicolons or tabs, saying which it found', () => {
    const dir = tempProject({});
    // Excel where the comma is the decimal sign: semicolons between cells.
    writeFileSync(join(dir, 'semicolons.csv'), `${HEADER.replace(/,/g, ';')}\n"Fooshire; County Council";County;1,234;617;200;3;2\n`);
    const semicolons = runCli(['import', 'semicolons.csv', '--year', '2020'], dir);
    expect(semicolons.stderr).toBe('semicolons.csv  cells separated by semicolons (found in the header row)\n');
    expect(semicolons.code).toBe(0);
    const fooshire = readFileSync(join(dir, 'data/2020/fooshire-county-council.yaml'), 'utf8');
    expect(fooshire).toContain('  name: Fooshire; County Council\n');
    expect(fooshire).toContain('  investigations: 1234\n');

    writeFileSync(join(dir, 'tabs.csv'), `Annual review data\n${HEADER.replace(/,/g, '\t')}\nBarset District Council\tDistrict\t4\t2\t1\t1\t1\n`);
    const tabs = runCli(['import', 'tabs.csv', '--year', '2020'], dir);
    expect(tabs.stderr).toBe('tabs.csv  cells separated by tabs (found in the header row)\n');
    expect(readFileSync(join(dir, 'data/2020/barset-district-council.yaml'), 'utf8')).toContain('  upheld: 2\n');
  });

  it('reads a rate cell holding a formula or a fraction as the whole percentage it shows, checked against the counts', async () => {
    const dir = tempProject({});
    const headers: TestCell[] = ['Authority', 'Authority type', 'Detailed investigations', 'Upheld', 'Satisfactory remedies', 'Compliance outcomes', 'Complied', 'Uphold rate'];
    writeFileSync(
      join(dir, 'rates.xlsx'),
      await xlsxBytes({
        Sheet1: [
          headers,
          ['Fooshire County Council', 'County', 12, 4, 1, 1, 1, { formula: 'D2/C2', result: 0.333333333, format: '0%' }],
          ['Barset District Council', 'District', 3, 2, 1, 1, 1, { value: 0.6666667, format: '0.0%' }],
          ['Wessex District Council', 'District', 8, 1, 1, 1, 1, '12.5%'],
          ['Mercia District Council', 'District', 12, 4, 1, 1, 1, { formula: 'D5/C5+0.1', result: 0.433333333, format: '0%' }],
        ],
      }),
    );
    const refused = runCli(['import', 'rates.xlsx', '--year', '2020'], dir);
    expect(refused.stderr).toBe(
      [
        'rates.xlsx:Sheet1!H5  statistics.upheld_rate  is given as 43% but the counts give 33% (upheld ÷ investigations, rounded half up): expected 33, or leave it out',
        '1 problem',
        'nothing written (use --keep-going to import the rows without problems)',
        '',
      ].join('\n'),
    );
    expect(runCli(['import', 'rates.xlsx', '--year', '2020', '--keep-going'], dir).code).toBe(1);
    expect(readFileSync(join(dir, 'data/2020/fooshire-county-council.yaml'), 'utf8')).toContain('  upheld_rate: 33\n');
    expect(readFileSync(join(dir, 'data/2020/barset-district-council.yaml'), 'utf8')).toContain('  upheld_rate: 67\n');
    expect(readFileSync(join(dir, 'data/2020/wessex-district-council.yaml'), 'utf8')).toContain('  upheld_rate: 13\n');
  });

  it('refuses a workbook saved without its formulas\' results, naming each cell, rather than read them as blank', async () => {
    const dir = tempProject({});
    const headers: TestCell[] = ['Authority', 'Authority type', 'Detailed investigations', 'Upheld', 'Satisfactory remedies', 'Compliance outcomes', 'Complied'];
    writeFileSync(join(dir, 'unsaved.xlsx'), await xlsxBytes({ Sheet1: [headers, ['Fooshire County Council', 'County', { formula: 'SUM(H2:K2)' }, { formula: 'C2-1' }, 1, 1, 1]] }));
    const result = runCli(['import', 'unsaved.xlsx', '--year', '2020'], dir);
    expect(result.stderr).toBe(
      [
        'unsaved.xlsx:Sheet1!C2  holds a formula (=SUM(H2:K2)) with no saved result: open the file in a spreadsheet program and save it, or type the value',
        'unsaved.xlsx:Sheet1!D2  holds a formula (=C2-1) with no saved result: open the file in a spreadsheet program and save it, or type the value',
        'error: unsaved.xlsx  was saved without the results of its formulas: nothing read',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
  });

  it('reads the first sheet a person sees, not a hidden one', async () => {
    const dir = tempProject({});
    const headers: TestCell[] = ['Authority', 'Authority type', 'Detailed investigations', 'Upheld', 'Satisfactory remedies', 'Compliance outcomes', 'Complied'];
    writeFileSync(
      join(dir, 'stats.xlsx'),
      await xlsxBytes({ Workings: [headers, ['Fooshire County Council', 'County', 99, 99, 1, 1, 1]], Figures: [headers, ['Fooshire County Council', 'County', 10, 5, 1, 1, 1]] }, { hidden: ['Workings'] }),
    );
    expect(runCli(['import', 'stats.xlsx', '--year', '2020'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'data/2020/fooshire-county-council.yaml'), 'utf8')).toContain('  investigations: 10\n');
  });

  it('says what a .csv file that is not CSV text is', async () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'workbook.csv'), await xlsxBytes({ Sheet1: [['Authority']] }));
    writeFileSync(join(dir, 'unicode.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER.replace(/,/g, '\t')}\nFooshire County Council\tCounty\t10\t5\t1\t1\t1\n`, 'utf16le')]));
    expect(runCli(['import', 'workbook.csv', '--year', '2020'], dir).stderr).toBe('error: workbook.csv  is a zip archive, as an .xlsx workbook is, not CSV text: give it the .xlsx extension if it is one\n');
    expect(runCli(['import', 'unicode.csv', '--year', '2020'], dir).stderr).toBe(
      'error: unicode.csv  is UTF-16 text (little-endian, as Excel\'s "Unicode text" is): read it with --encoding utf-16le, or save it as CSV UTF-8\n',
    );
    const read = runCli(['import', 'unicode.csv', '--year', '2020', '--encoding', 'utf-16le'], dir);
    expect(read.stderr).toBe('unicode.csv  cells separated by tabs (found in the header row)\n');
    expect(readFileSync(join(dir, 'data/2020/fooshire-county-council.yaml'), 'utf8')).toContain('  investigations: 10\n');
  });
});
