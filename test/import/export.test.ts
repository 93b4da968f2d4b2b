import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticSet } from '../../bench/syntheticSet.mjs';
import { ROOT, runCli, tempDir, tempProject } from '../helpers.js';
import { xlsxRows } from './sheets.js';

const SHIPPED = Object.fromEntries(
  ['2018', '2020', '2024'].flatMap((year) => readdirSync(join(ROOT, 'data', year)).map((name) => [`${year}/${name}`, readFileSync(join(ROOT, 'data', year, name), 'utf8')])),
);

function dataBytes(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const year of readdirSync(join(dir, 'data'))) for (const name of readdirSync(join(dir, 'data', year))) files.set(`${year}/${name}`, readFileSync(join(dir, 'data', year, name), 'utf8'));
  return files;
}

describe('letters export', { timeout: 60_000 }, () => {
  it('writes CSV to stdout: one row per authority, in the columns import reads', () => {
    const result = runCli(['export', '--year', '2020']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Authority,Authority type,Shared with,Recipient title,Recipient forename,Recipient surname,Recipient role,Recipient email,Copies to,Training courses,Training course kind,Delay extended cases,Delay incomplete responses,Delay proportion,Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied,Uphold rate',
        "Knowsley Metropolitan Borough Council,Metropolitan Borough,,Mr,,Harden,Chief Executive,,,1,children's social care complaint handling,,,,12,9,3,4,4,",
        "Liverpool City Council,Metropolitan Borough,,Mr,,Reeves,Chief Executive,,,1,children's social care complaint handling,2,yes,almost half,,,,,,",
        'Worcester City Council,District Council,,Mr,,Blake,Managing Director,,,,,,,,,,,,,',
        '',
      ].join('\n'),
    );
  });

  it('writes .xlsx with --out, with the 2018 tables one column per cell', async () => {
    const dir = tempDir();
    const result = runCli(['export', '--year', '2018', '--out', join(dir, 'stats.xlsx')]);
    expect(result.stderr).toBe(`1 authority written to ${join(dir, 'stats.xlsx')}\n`);
    const { 2018: rows } = await xlsxRows(readFileSync(join(dir, 'stats.xlsx')));
    expect(rows![0]!.slice(0, 10)).toEqual(['Authority', 'Authority type', 'Recipient title', 'Recipient forename', 'Recipient surname', 'Recipient role', 'Recipient email', 'Copies to', 'Received adult care services', 'Received benefits and tax']);
    expect(rows![1]).toEqual(['Sefton Metropolitan Borough Council', 'Metropolitan Borough', undefined, 'Margaret', 'Carney', 'Chief Executive', undefined, undefined, 19, 6, 6, 14, 2, 4, 1, 6, 1, 4, 0, 24, 14, 9, 12, undefined, 10, 0]);
  });

  it('then import changes no file, on the shipped data, as CSV and as .xlsx', () => {
    const dir = tempProject(SHIPPED);
    const before = dataBytes(dir);
    for (const year of ['2018', '2020', '2024']) {
      for (const name of [`${year}.csv`, `${year}.xlsx`]) {
        expect(runCli(['export', '--year', year, '--out', name], dir).code).toBe(0);
        const result = runCli(['import', name, '--year', year], dir);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^(\d+) rows? read: 0 created, 0 updated, \1 unchanged, 0 rows skipped\n$/);
      }
    }
    expect(dataBytes(dir)).toEqual(before);
  }, 120_000);

  it("then import changes no file, on the benchmark's generated set (every note, no statistics, long names)", () => {
    const dir = tempDir();
    writeSyntheticSet(dir, { count: 150 });
    const before = dataBytes(dir);
    for (const year of ['2018', '2020', '2024']) {
      expect(runCli(['export', '--year', year, '--out', `${year}.xlsx`], dir).code).toBe(0);
      const result = runCli(['import', `${year}.xlsx`, '--year', year], dir);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('50 rows read: 0 created, 0 updated, 50 unchanged, 0 rows skipped\n');
    }
    expect(dataBytes(dir)).toEqual(before);
  }, 120_000);

  it('an exported sheet with one figure changed changes that field alone', () => {
    const dir = tempProject(SHIPPED);
    runCli(['export', '--year', '2020', '--out', 'stats.csv'], dir);
    const csv = readFileSync(join(dir, 'stats.csv'), 'utf8').replace(',12,9,3,4,4,', ',12,8,3,4,4,').replace(',2,yes,almost half,', ',,no,almost half,');
    writeFileSync(join(dir, 'stats.csv'), csv);
    const result = runCli(['import', 'stats.csv', '--year', '2020'], dir);
    expect(result.stdout).toBe('3 rows read: 0 created, 2 updated, 1 unchanged, 0 rows skipped\n');
    const after = dataBytes(dir);
    expect(after.get('2020/knowsley-metropolitan-borough-council.yaml')).toBe(SHIPPED['2020/knowsley-metropolitan-borough-council.yaml']!.replace('upheld: 9', 'upheld: 8'));
    expect(after.get('2020/liverpool-city-council.yaml')).toBe(SHIPPED['2020/liverpool-city-council.yaml']!.replace('  extended_cases: 2\n', '').replace('incomplete: true', 'incomplete: false'));
  });

  it('imported into an empty data folder, an exported year makes the same letters', () => {
    const shipped = tempProject(SHIPPED);
    const fresh = tempProject({});
    for (const year of ['2018', '2020', '2024']) {
      expect(runCli(['export', '--year', year, '--out', join(fresh, `${year}.xlsx`)], shipped).code).toBe(0);
      expect(runCli(['import', `${year}.xlsx`, '--year', year], fresh).code).toBe(0);
    }
    expect(readdirSync(join(fresh, 'data/2020')).sort()).toEqual(readdirSync(join(shipped, 'data/2020')).sort());
    for (const dir of [shipped, fresh]) expect(runCli(['build', '--format', 'text', '--out', 'out'], dir).code).toBe(0);
    for (const file of [...dataBytes(shipped).keys()].map((name) => name.replace(/\.yaml$/, '.txt'))) {
      expect(readFileSync(join(fresh, 'out', file), 'utf8')).toBe(readFileSync(join(shipped, 'out', file), 'utf8'));
    }
    // The figures the sheet gave, as the letters say them.
    expect(readFileSync(join(fresh, 'out/2018/sefton-metropolitan-borough-council.txt'), 'utf8')).toContain('Not Upheld\tUpheld\tUphold Rate\tTotal\n4\t0\t24\t14\t9\t12\t57%\t63\n');
    expect(readFileSync(join(fresh, 'out/2020/knowsley-metropolitan-borough-council.txt'), 'utf8')).toContain('75% of complaints we investigated were upheld.');
  }, 120_000);

  it('refuses a year with bad data files, listing them', () => {
    const dir = tempProject({ '2020/knowsley.yaml': SHIPPED['2020/knowsley-metropolitan-borough-council.yaml']!.replace('upheld: 9', 'upheld: 13') });
    const result = runCli(['export', '--year', '2020'], dir);
    expect(result.stderr).toBe(
      ['data/2020/knowsley.yaml:14:11  statistics.upheld  is 13, more than investigations (12): expected at most 12', 'error: nothing exported: a data file is not valid (`letters validate --year 2020`)', ''].join('\n'),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
  });
});
