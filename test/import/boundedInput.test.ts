import { execFileSync } from 'node:child_process';
import { readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';
import { xlsxBytes, zipBomb } from './sheets.js';

const HEADER = 'Authority,Authority type,Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied';

describe('import reads only a regular spreadsheet file within the limits', { timeout: 60_000 }, () => {
  it('refuses a named pipe, a device, a folder and a link to one at once, as wrong usage', () => {
    const dir = tempProject({});
    execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
    symlinkSync('/dev/zero', join(dir, 'zero.csv'));
    symlinkSync(join(dir, 'pipe.csv'), join(dir, 'link.xlsx'));
    const cases: [string, string][] = [
      ['pipe.csv', 'error: pipe.csv is not a regular file (a named pipe): a spreadsheet is read from a file\n'],
      ['zero.csv', 'error: zero.csv is not a regular file (a device): a spreadsheet is read from a file\n'],
      ['link.xlsx', 'error: link.xlsx is not a regular file (a named pipe): a spreadsheet is read from a file\n'],
      ['data.csv', 'error: data.csv cannot be read (no such file)\n'],
    ];
    for (const [file, message] of cases) {
      const result = runCli(['import', file, '--year', '2020'], dir);
      expect(result.stderr).toBe(message);
      expect(result.code).toBe(2);
    }
    execFileSync('mkdir', [join(dir, 'folder.csv')]);
    expect(runCli(['import', 'folder.csv', '--year', '2020'], dir).stderr).toBe('error: folder.csv is not a regular file (a folder): a spreadsheet is read from a file\n');
  });

  it('refuses a zip bomb from its zip directory, before anything is decompressed', () => {
    const dir = tempProject({});
    // 465 KB that inflate to 459 MB.
    const bomb = zipBomb(459);
    expect(Math.round(bomb.length / 1024)).toBe(465);
    writeFileSync(join(dir, 'bomb.xlsx'), bomb);
    const result = runCli(['import', 'bomb.xlsx', '--year', '2020'], dir);
    expect(result.stderr).toBe('error: bomb.xlsx  would take more than 25 MB once decompressed, more than an .xlsx workbook may: refused without decompressing it\n');
    expect(result.code).toBe(1);
    expect(readdirSync(join(dir, 'data'))).toEqual([]);

    // One that says it holds 10 KB: inflated only as far as that, then refused.
    writeFileSync(join(dir, 'liar.xlsx'), zipBomb(459, { statedSize: 10_000 }));
    expect(runCli(['import', 'liar.xlsx', '--year', '2020'], dir).stderr).toBe('error: liar.xlsx  is not a readable .xlsx workbook: its zip archive is damaged\n');
  });

  it("says in its own words what a file that is not a workbook is, never the zip reader's", async () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'text.xlsx'), 'Authority,Upheld\n');
    expect(runCli(['import', 'text.xlsx', '--year', '2020'], dir).stderr).toBe('error: text.xlsx  is not an .xlsx workbook: it is not a zip archive (an .xlsx file is one; was it saved in another format?)\n');
    // Cut short: the archive's directory is gone.
    const workbook = await xlsxBytes({ Sheet1: [['Authority']] });
    writeFileSync(join(dir, 'cut.xlsx'), workbook.subarray(0, workbook.length - 100));
    expect(runCli(['import', 'cut.xlsx', '--year', '2020'], dir).stderr).toBe('error: cut.xlsx  is not an .xlsx workbook: it is not a zip archive (an .xlsx file is one; was it saved in another format?)\n');
    // The CSV reader's reasons too.
    writeFileSync(join(dir, 'open.csv'), 'Authority,Upheld\n"Fooshire,1\n');
    expect(runCli(['import', 'open.csv', '--year', '2020'], dir).stderr).toBe('error: open.csv:2  is not a readable CSV file: a quoted cell is never closed (a " without its closing ")\n');
    writeFileSync(join(dir, 'stray.csv'), 'Authority,Upheld\nFoo"shire",1\n');
    expect(runCli(['import', 'stray.csv', '--year', '2020'], dir).stderr).toBe(
      'error: stray.csv:2  is not a readable CSV file: a " stands inside a cell that is not quoted, or after a closing quote (write "" for a quote inside a quoted cell)\n',
    );
    // A zip archive that holds no workbook.
    const notWorkbook = zipBomb(1);
    writeFileSync(join(dir, 'other.xlsx'), notWorkbook);
    expect(runCli(['import', 'other.xlsx', '--year', '2020'], dir).stderr).toBe(
      'error: other.xlsx  is not a readable .xlsx workbook: its parts are not those of an Excel workbook (was it saved as another format?)\n',
    );
  });

  it('refuses a file, a sheet, a row or a cell beyond the limits, naming where', () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'big.csv'), Buffer.alloc(21 * 1024 * 1024, 'a'));
    expect(runCli(['import', 'big.csv', '--year', '2020'], dir).stderr).toBe('error: big.csv is 21 MB, more than a spreadsheet may be (20 MB)\n');

    writeFileSync(join(dir, 'rows.csv'), `${HEADER}\n${'Fooshire County Council,County,1,1,1,1,1\n'.repeat(10_000)}`);
    expect(runCli(['import', 'rows.csv', '--year', '2020'], dir).stderr).toBe('error: rows.csv:10001:1  the sheet has more rows than the 10000 a sheet may have\n');

    writeFileSync(join(dir, 'wide.csv'), `${HEADER}\nFooshire County Council${',1'.repeat(250)}\n`);
    expect(runCli(['import', 'wide.csv', '--year', '2020'], dir).stderr).toBe('error: wide.csv:2:201  this row has 251 cells, more than a sheet may have (200 columns)\n');

    writeFileSync(join(dir, 'long.csv'), `${HEADER}\n${'Fooshire '.repeat(300)},County,1,1,1,1,1\n`);
    expect(runCli(['import', 'long.csv', '--year', '2020'], dir).stderr).toBe('error: long.csv:2:1  this cell holds 2700 characters, more than a cell may (2000)\n');
  });

  it('refuses a workbook whose sheet reaches far down before reading its rows', async () => {
    const dir = tempProject({});
    const rows: (string | null)[][] = [['Authority']];
    rows[20_000] = ['far away'];
    writeFileSync(join(dir, 'far.xlsx'), await xlsxBytes({ Sheet1: Array.from(rows, (row) => row ?? []) }));
    const result = runCli(['import', 'far.xlsx', '--year', '2020'], dir);
    expect(result.stderr).toBe('error: far.xlsx:Sheet1!A20001  the sheet goes down to row 20001, more than a sheet may have (10000 rows)\n');
    expect(result.code).toBe(1);
  });

  it('shows a control character in a header escaped', () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'stats.csv'), `Authority,Authority type,Detailed investigations,Upheld\u001b[31m,Satisfactory remedies,Compliance outcomes,Complied\nFooshire County Council,County,1,1,1,1,1\n`);
    expect(runCli(['import', 'stats.csv', '--year', '2020'], dir).stderr).toBe(
      [
        'stats.csv:1:1  columns ignored (no data field): "Upheld\\u001b[31m"',
        'stats.csv:1:1  statistics.upheld  no column headed "Upheld"; the nearest header present is "Upheld\\u001b[31m"',
        '1 problem',
        'nothing written (use --keep-going to import the rows without problems)',
        '',
      ].join('\n'),
    );
  });
});
