import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';
import { xlsxBytes, xlsxRows } from './sheets.js';

const KNOWSLEY = `# yaml-language-server: $schema=../../schema/2020.json
authority:
  name: Knowsley Metropolitan Borough Council
  type: metropolitan-borough
recipient:
  title: Mr
  surname: Harden   # as on the letterhead
  role: Chief Executive
statistics:
  investigations: 12
  upheld: 9
  satisfactory_remedies: 3
  compliance: { outcomes: 4, complied: 4 }
`;
const WORCESTER = `# yaml-language-server: $schema=../../schema/2020.json
authority:
  name: Worcester City Council
  type: district
recipient:
  title: Mr
  surname: Blake
  role: Managing Director
  email: old.address@worcester.example.org
copies:
  - email: monitoring.officer@worcester.example.org
    name: Ann Jones
    role: Monitoring Officer
`;

const HEADERS = ['Authority', 'Authority type', 'Recipient email', 'Copies to', 'Detailed investigations', 'Upheld', 'Satisfactory remedies', 'Compliance outcomes', 'Complied'];

describe('letters import and export: Recipient email and Copies to', () => {
  it('imports the addresses into the data files, export writes them back, and import → export → import is exact', async () => {
    const dir = tempProject({ '2020/knowsley.yaml': KNOWSLEY, '2020/worcester.yaml': WORCESTER });
    writeFileSync(
      join(dir, 'stats.xlsx'),
      await xlsxBytes({
        Sheet1: [
          HEADERS,
          ['Knowsley Metropolitan Borough Council', 'Metropolitan Borough', 'chief.executive@knowsley.example.org', 'Cllr Graham Morgan <leader@knowsley.example.org>, mo@knowsley.example.org;"Smith, Jo (Mayor\'s office)" <mayor@knowsley.example.org>;', 12, 9, 3, 4, 4],
          // Worcester's copies in another order, one of them the file's (its role kept), and a new address for the recipient.
          ['Worcester City Council', 'District Council', 'managing.director@worcester.example.org', 'leader@worcester.example.org; Ann Jones <monitoring.officer@worcester.example.org>', null, null, null, null, null],
        ],
      }),
    );
    const imported = runCli(['import', 'stats.xlsx', '--year', '2020'], dir);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe('2 rows read: 0 created, 2 updated, 0 unchanged, 0 rows skipped\n');
    expect(readFileSync(join(dir, 'data/2020/knowsley.yaml'), 'utf8')).toBe(
      KNOWSLEY.replace('  role: Chief Executive\n', '  role: Chief Executive\n  email: chief.executive@knowsley.example.org\n') +
        [
          'copies:',
          '  - email: leader@knowsley.example.org',
          '    name: Cllr Graham Morgan',
          '  - email: mo@knowsley.example.org',
          '  - email: mayor@knowsley.example.org',
          "    name: Smith, Jo (Mayor's office)",
          '',
        ].join('\n'),
    );
    expect(readFileSync(join(dir, 'data/2020/worcester.yaml'), 'utf8')).toBe(
      WORCESTER.replace('old.address@', 'managing.director@').replace(
        'copies:\n',
        'copies:\n  - email: leader@worcester.example.org\n',
      ),
    );
    // The letters go to them: the addresses are the data's.
    expect(runCli(['validate', '--year', '2020'], dir).code).toBe(0);

    expect(runCli(['export', '--year', '2020', '--out', 'again.xlsx'], dir).code).toBe(0);
    const { 2020: rows } = await xlsxRows(readFileSync(join(dir, 'again.xlsx')));
    expect(rows![0]!.slice(0, 8)).toEqual(['Authority', 'Authority type', 'Shared with', 'Recipient title', 'Recipient forename', 'Recipient surname', 'Recipient role', 'Recipient email']);
    expect(rows![0]![8]).toBe('Copies to');
    expect(rows!.slice(1).map((row) => row.slice(7, 9))).toEqual([
      ['chief.executive@knowsley.example.org', 'Cllr Graham Morgan <leader@knowsley.example.org>; mo@knowsley.example.org; "Smith, Jo (Mayor\'s office)" <mayor@knowsley.example.org>'],
      ['managing.director@worcester.example.org', 'leader@worcester.example.org; Ann Jones <monitoring.officer@worcester.example.org>'],
    ]);
    const files = () => ['knowsley', 'worcester'].map((slug) => readFileSync(join(dir, `data/2020/${slug}.yaml`), 'utf8'));
    const before = files();
    for (const name of ['again.xlsx', 'again.csv']) {
      if (name.endsWith('.csv')) expect(runCli(['export', '--year', '2020', '--out', name], dir).code).toBe(0);
      const again = runCli(['import', name, '--year', '2020'], dir);
      expect(again.stderr).toBe('');
      expect(again.stdout).toBe('2 rows read: 0 created, 0 updated, 2 unchanged, 0 rows skipped\n');
      expect(files()).toEqual(before);
    }
    expect(readFileSync(join(dir, 'again.csv'), 'utf8').split('\n')[2]).toBe(
      'Worcester City Council,District Council,,Mr,,Blake,Managing Director,managing.director@worcester.example.org,leader@worcester.example.org; Ann Jones <monitoring.officer@worcester.example.org>,,,,,,,,,,,',
    );
  });

  it('a blank Copies to cell removes the copies, as a blank optional cell does; a sheet without the columns keeps them', async () => {
    const dir = tempProject({ '2020/worcester.yaml': WORCESTER });
    const statistics = 'Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied';
    writeFileSync(join(dir, 'without.csv'), `Authority,Authority type,${statistics}\nWorcester City Council,District Council,,,,,\n`);
    expect(runCli(['import', 'without.csv', '--year', '2020'], dir).stdout).toBe('1 row read: 0 created, 0 updated, 1 unchanged, 0 rows skipped\n');
    writeFileSync(join(dir, 'blank.csv'), `Authority,Authority type,Recipient email,Copies to,${statistics}\nWorcester City Council,District Council,managing.director@worcester.example.org,,,,,,\n`);
    const result = runCli(['import', 'blank.csv', '--year', '2020'], dir);
    expect(result.stdout).toBe('1 row read: 0 created, 1 updated, 0 unchanged, 0 rows skipped\n');
    expect(readFileSync(join(dir, 'data/2020/worcester.yaml'), 'utf8')).toBe(WORCESTER.replace('old.address@', 'managing.director@').replace(/copies:\n[\s\S]*$/, ''));
  });

  it('a new authority gets its addresses in a new file, the copies after the recipient', () => {
    const dir = tempProject({});
    writeFileSync(
      join(dir, 'new.csv'),
      'Authority,Authority type,Recipient title,Recipient surname,Recipient role,Recipient email,Copies to,Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied\n' +
        'Barset District Council,District Council,Ms,Proudie,Chief Executive,chief.executive@barset.example.org,Cllr Obadiah Slope <leader@barset.example.org>,,,,,\n',
    );
    const result = runCli(['import', 'new.csv', '--year', '2020'], dir);
    expect(result.stdout).toBe('1 row read: 1 created, 0 updated, 0 unchanged, 0 rows skipped\n');
    expect(readFileSync(join(dir, 'data/2020/barset-district-council.yaml'), 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=../../schema/2020.json',
        'authority:',
        '  name: Barset District Council',
        '  type: district',
        'recipient:',
        '  title: Ms',
        '  surname: Proudie',
        '  role: Chief Executive',
        '  email: chief.executive@barset.example.org',
        'copies:',
        '  - email: leader@barset.example.org',
        '    name: Cllr Obadiah Slope',
        '',
      ].join('\n'),
    );
  });

  it('names the sheet, row and column of each address that is not one, and writes nothing', async () => {
    const dir = tempProject({ '2020/knowsley.yaml': KNOWSLEY, '2020/worcester.yaml': WORCESTER });
    writeFileSync(
      join(dir, 'stats.xlsx'),
      await xlsxBytes({
        Returns: [
          HEADERS,
          ['Knowsley Metropolitan Borough Council', 'Metropolitan Borough', 'Chief Executive <chief.executive@knowsley.example.org>', 'leader@knowsley.example.org; graham morgan', 12, 9, 3, 4, 4],
          ['Worcester City Council', 'District Council', 'managing.director@worcester', 'leader@worcester', null, null, null, null, null],
        ],
      }),
    );
    const result = runCli(['import', 'stats.xlsx', '--year', '2020'], dir);
    expect(result.stderr).toBe(
      [
        'stats.xlsx:Returns!C2  recipient.email  must be one email address, like name@example.org',
        'stats.xlsx:Returns!D2  copies  "graham morgan" is not an email address: expected addresses, or names and addresses like Cllr Ann Smith <leader@example.org>, separated by ; or ,',
        'stats.xlsx:Returns!C3  recipient.email  must be one email address, like name@example.org',
        'stats.xlsx:Returns!D3  copies  "leader@worcester" is not an email address: expected addresses, or names and addresses like Cllr Ann Smith <leader@example.org>, separated by ; or ,',
        '4 problems',
        'nothing written (use --keep-going to import the rows without problems)',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, 'data/2020/knowsley.yaml'), 'utf8')).toBe(KNOWSLEY);
  });
});
