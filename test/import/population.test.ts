import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';
import { xlsxBytes, xlsxRows } from './sheets.js';

const BUCKS = [
  '# yaml-language-server: $schema=../../schema/2024.json',
  'authority:',
  '  name: Buckinghamshire Council',
  '  type: unitary',
  '  population: 553078   # mid-year estimate',
  'recipient:',
  '  title: Ms',
  '  surname: Smith',
  '  role: Chief Executive',
  'statistics:',
  '  investigations: 60',
  '  upheld: 30',
  '  satisfactory_remedies: 3',
  '  compliance: { outcomes: 20, complied: 20 }',
  '',
].join('\n');

const HEADERS = ['Authority', 'Authority type', 'Population', 'Recipient title', 'Recipient surname', 'Recipient role', 'Detailed investigations', 'Upheld', 'Satisfactory remedies', 'Compliance outcomes', 'Complied'];

describe('the Population column (2024)', { timeout: 60_000 }, () => {
  it('is exported beside the authority, and importing the export changes no file', async () => {
    const dir = tempProject({ '2024/buckinghamshire-council.yaml': BUCKS });
    const csv = runCli(['export', '--year', '2024'], dir);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n').slice(0, 2)).toEqual([
      'Authority,Authority type,Shared with,Population,Recipient title,Recipient forename,Recipient surname,Recipient role,Recipient email,Copies to,Training courses,Training course kind,Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied,Uphold rate',
      'Buckinghamshire Council,Unitary Authority,,553078,Ms,,Smith,Chief Executive,,,,,60,30,3,20,20,',
    ]);
    expect(runCli(['export', '--year', '2024', '--out', 'stats.xlsx'], dir).code).toBe(0);
    expect((await xlsxRows(readFileSync(join(dir, 'stats.xlsx'))))['2024']![1]![3]).toBe(553078);
    writeFileSync(join(dir, 'stats.csv'), csv.stdout);
    for (const name of ['stats.csv', 'stats.xlsx']) {
      expect(runCli(['import', name, '--year', '2024'], dir).stdout).toBe('1 row read: 0 created, 0 updated, 1 unchanged, 0 rows skipped\n');
    }
    expect(readFileSync(join(dir, 'data/2024/buckinghamshire-council.yaml'), 'utf8')).toBe(BUCKS);
  });

  it('is imported into authority.population: changed in place, added, or removed by a blank cell', async () => {
    const dir = tempProject({ '2024/buckinghamshire-council.yaml': BUCKS });
    writeFileSync(
      join(dir, 'stats.xlsx'),
      await xlsxBytes({
        Sheet1: [
          HEADERS,
          ['Buckinghamshire Council', 'Unitary Authority', '1,234,567', 'Ms', 'Smith', 'Chief Executive', 60, 30, 3, 20, 20],
          ['Wokingham Borough Council', 'Unitary Authority', 177_500, 'Mr', 'Jones', 'Chief Executive', 10, 4, 1, 2, 2],
        ],
      }),
    );
    const result = runCli(['import', 'stats.xlsx', '--year', '2024'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('2 rows read: 1 created, 1 updated, 0 unchanged, 0 rows skipped\n');
    expect(readFileSync(join(dir, 'data/2024/buckinghamshire-council.yaml'), 'utf8')).toBe(BUCKS.replace('population: 553078', 'population: 1234567'));
    expect(readFileSync(join(dir, 'data/2024/wokingham-borough-council.yaml'), 'utf8')).toContain('authority:\n  name: Wokingham Borough Council\n  type: unitary\n  population: 177500\nrecipient:\n');

    writeFileSync(join(dir, 'blank.csv'), `${HEADERS.join(',')}\nBuckinghamshire Council,Unitary Authority,,Ms,Smith,Chief Executive,60,30,3,20,20\n`);
    expect(runCli(['import', 'blank.csv', '--year', '2024'], dir).stdout).toBe('1 row read: 0 created, 1 updated, 0 unchanged, 0 rows skipped\n');
    expect(readFileSync(join(dir, 'data/2024/buckinghamshire-council.yaml'), 'utf8')).toBe(BUCKS.replace('  population: 553078   # mid-year estimate\n', ''));
  });

  it('a population that is not a whole number is reported at its cell', () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'bad.csv'), `${HEADERS.join(',')}\nBuckinghamshire Council,Unitary Authority,about half a million,Ms,Smith,Chief Executive,60,30,3,20,20\n`);
    const result = runCli(['import', 'bad.csv', '--year', '2024'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('bad.csv:2:3  authority.population  expected a whole number, got "about half a million"\n1 problem\nnothing written (use --keep-going to import the rows without problems)\n');
  });
});
