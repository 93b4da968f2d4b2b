import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempProject } from '../helpers.js';

const HEADER = 'Authority,Authority type,Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied';
/** The shipped Knowsley 2020 file, kept under a slug that is not its name's. */
const KNOWSLEY = readFileSync(join(ROOT, 'data/2020/knowsley-metropolitan-borough-council.yaml'), 'utf8');
const LYNN = `# yaml-language-server: $schema=../../schema/2020.json
authority:
  name: King's Lynn & West Norfolk Borough Council
  type: district
recipient:
  title: Ms
  surname: Lynn
  role: Chief Executive
statistics:
  investigations: 4
  upheld: 2
  satisfactory_remedies: 1
  compliance: { outcomes: 1, complied: 1 }
`;

function csv(dir: string, name: string, lines: string[]): void {
  writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
}

describe('import finds the data file a row is', { timeout: 60_000 }, () => {
  it('updates the file whose authority the row names in capitals, keeping the name as the file has it, though its slug is another', () => {
    const dir = tempProject({ '2020/knowsley.yaml': KNOWSLEY, '2020/lynn.yaml': LYNN });
    csv(dir, 'stats.csv', [HEADER, 'KNOWSLEY METROPOLITAN BOROUGH COUNCIL,Metropolitan Borough,12,8,3,4,4', 'Kings Lynn and West Norfolk Borough Council,District,4,2,1,1,1']);
    const result = runCli(['import', 'stats.csv', '--year', '2020'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('2 rows read: 0 created, 1 updated, 1 unchanged, 0 rows skipped\n');
    expect(readdirSync(join(dir, 'data/2020')).sort()).toEqual(['knowsley.yaml', 'lynn.yaml']);
    expect(readFileSync(join(dir, 'data/2020/knowsley.yaml'), 'utf8')).toBe(KNOWSLEY.replace('upheld: 9', 'upheld: 8'));
    expect(readFileSync(join(dir, 'data/2020/lynn.yaml'), 'utf8')).toBe(LYNN);
  });

  it('refuses a name close to a known authority, naming it, unless the row is marked new', () => {
    const dir = tempProject({ '2020/knowsley-metropolitan-borough-council.yaml': KNOWSLEY });
    csv(dir, 'stats.csv', [HEADER, 'Knowsley Council,Metropolitan Borough,1,1,1,1,1', 'Knowsely Metropolitan Borough Council,Metropolitan Borough,1,1,1,1,1']);
    const refused = runCli(['import', 'stats.csv', '--year', '2020'], dir);
    expect(refused.stderr).toBe(
      [
        'stats.csv:2:1  authority.name  "Knowsley Council" is no data file\'s authority, but is close to Knowsley Metropolitan Borough Council (data/2020/knowsley-metropolitan-borough-council.yaml): write the name as that file has it or give its file in a Slug column; if it is another authority, mark the row new (--new "Knowsley Council", or a New column)',
        'stats.csv:3:1  authority.name  "Knowsely Metropolitan Borough Council" is no data file\'s authority, but is close to Knowsley Metropolitan Borough Council (data/2020/knowsley-metropolitan-borough-council.yaml): write the name as that file has it or give its file in a Slug column; if it is another authority, mark the row new (--new "Knowsely Metropolitan Borough Council", or a New column)',
        '2 problems',
        'nothing written (use --keep-going to import the rows without problems)',
        '',
      ].join('\n'),
    );
    expect(refused.code).toBe(1);

    const unknown = runCli(['import', 'stats.csv', '--year', '2020', '--new', 'Knowsley Council', '--new', 'Kent County Council', '--dry-run'], dir);
    expect(unknown.stderr).toContain('\n--new "Kent County Council": no row of the sheet has this name\n2 problems\n');

    csv(dir, 'marked.csv', [`${HEADER},New`, 'Knowsley Council,Metropolitan Borough,1,1,1,1,1,', 'Knowsely Metropolitan Borough Council,Metropolitan Borough,1,1,1,1,1,yes']);
    const marked = runCli(['import', 'marked.csv', '--year', '2020', '--new', 'KNOWSLEY COUNCIL', '--dry-run'], dir);
    expect(marked.stderr).toBe('');
    expect(marked.stdout).toContain('created  data/2020/knowsley-council.yaml\ncreated  data/2020/knowsely-metropolitan-borough-council.yaml\n');
  });

  it('takes the file a Slug column names, and refuses a slug that cannot be a file name', () => {
    const dir = tempProject({ '2020/knowsley.yaml': KNOWSLEY });
    csv(dir, 'stats.csv', [`Slug,${HEADER}`, 'knowsley,Knowsley Borough Council,Metropolitan Borough,12,9,3,4,4', '../elsewhere,Fooshire County Council,County,1,1,1,1,1']);
    const refused = runCli(['import', 'stats.csv', '--year', '2020'], dir);
    expect(refused.stderr).toBe(
      [
        'stats.csv:3:1  slug  "../elsewhere" is not a data file\'s name: lower-case letters, digits and single hyphens (at most 120), e.g. elsewhere',
        '1 problem',
        'nothing written (use --keep-going to import the rows without problems)',
        '',
      ].join('\n'),
    );
    const renamed = runCli(['import', 'stats.csv', '--year', '2020', '--keep-going', '--dry-run'], dir);
    expect(renamed.stdout).toContain('updated  data/2020/knowsley.yaml\n  authority.name: "Knowsley Metropolitan Borough Council" → "Knowsley Borough Council"\n');
  });

  it('refuses a row whose authority two data files claim, naming both', () => {
    const dir = tempProject({ '2020/knowsley.yaml': KNOWSLEY, '2020/knowsley-metropolitan-borough-council.yaml': KNOWSLEY });
    csv(dir, 'stats.csv', [HEADER, 'Knowsley Metropolitan Borough Council,Metropolitan Borough,12,9,3,4,4']);
    expect(runCli(['import', 'stats.csv', '--year', '2020'], dir).stderr).toBe(
      [
        'stats.csv:2:1  authority.name  is claimed by 2 data files, data/2020/knowsley-metropolitan-borough-council.yaml and data/2020/knowsley.yaml: remove all but one, or say which in a Slug column',
        '1 problem',
        'nothing written (use --keep-going to import the rows without problems)',
        '',
      ].join('\n'),
    );
  });

  it('is the comparison validate makes: two files of a year whose names differ only so are one authority', () => {
    const dir = tempProject({ '2020/lynn.yaml': LYNN, '2020/kings-lynn.yaml': LYNN.replace("King's Lynn & West Norfolk", 'KINGS LYNN AND WEST NORFOLK') });
    const result = runCli(['validate', '--year', '2020'], dir);
    expect(result.stderr).toBe(
      ['data/2020/lynn.yaml:3:9  authority.name  King\'s Lynn & West Norfolk Borough Council already has a 2020 letter in data/2020/kings-lynn.yaml', '1 problem in 1 file', ''].join('\n'),
    );
  });

  it("gives a new file the recipient of the authority's latest earlier file, saying so in the dry run", () => {
    const older = KNOWSLEY.replace('surname: Harden', 'surname: Older');
    const dir = tempProject({ '2018/knowsley.yaml': older.replace('2020.json', '2018.json'), '2020/knowsley.yaml': KNOWSLEY });
    csv(dir, 'stats.csv', [HEADER, 'knowsley metropolitan borough council,Metropolitan Borough,7,3,1,2,2']);
    const dry = runCli(['import', 'stats.csv', '--year', '2024', '--dry-run'], dir);
    expect(dry.stdout).toBe(['created  data/2024/knowsley.yaml (recipient from data/2020/knowsley.yaml)', '1 row read: 1 created, 0 updated, 0 unchanged, 0 rows skipped (dry run: nothing written)', ''].join('\n'));
    expect(runCli(['import', 'stats.csv', '--year', '2024'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'data/2024/knowsley.yaml'), 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=../../schema/2024.json',
        'authority:',
        '  name: Knowsley Metropolitan Borough Council',
        '  type: metropolitan-borough',
        'recipient:',
        '  title: Mr',
        '  surname: Harden',
        '  role: Chief Executive',
        'statistics:',
        '  investigations: 7',
        '  upheld: 3',
        '  satisfactory_remedies: 1',
        '  compliance:',
        '    outcomes: 2',
        '    complied: 2',
        '',
      ].join('\n'),
    );
    expect(runCli(['validate', '--year', '2024'], dir).stdout).toBe('1 data files valid\n');
  });

  it('fills in a carried-over file in block style, without the comment that asked for the figures', () => {
    const dir = tempProject({ '2024/knowsley.yaml': KNOWSLEY.replace('2020.json', '2024.json') });
    expect(runCli(['new-year', '2025'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'data/2025/knowsley.yaml'), 'utf8')).toContain('# The 2025 figures: fill them in, or remove `statistics` if the letter has no statistics page.\nstatistics: {}\n');
    csv(dir, 'stats.csv', [HEADER, 'Knowsley Metropolitan Borough Council,Metropolitan Borough,7,3,1,2,2']);
    expect(runCli(['import', 'stats.csv', '--year', '2025'], dir).stdout).toBe('1 row read: 0 created, 1 updated, 0 unchanged, 0 rows skipped\n');
    expect(readFileSync(join(dir, 'data/2025/knowsley.yaml'), 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=../../schema/2025.json',
        'authority:',
        '  name: Knowsley Metropolitan Borough Council',
        '  type: metropolitan-borough',
        'recipient:',
        '  title: Mr',
        '  surname: Harden',
        '  role: Chief Executive',
        'statistics:',
        '  investigations: 7',
        '  upheld: 3',
        '  satisfactory_remedies: 1',
        '  compliance:',
        '    outcomes: 2',
        '    complied: 2',
        '',
      ].join('\n'),
    );
  });
});
