import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project.js';
import { readyLetters, type Readiness } from '../../src/outgoing/readyLetters.js';
import { runCli, tempProject } from '../helpers.js';

const KNOWSLEY = `authority:
  name: Knowsley Metropolitan Borough Council
  type: metropolitan-borough
recipient:
  title: Mr
  surname: Harden
  role: Chief Executive
  email: chief.executive@knowsley.example.org
statistics:
  investigations: 12
  upheld: 9
  satisfactory_remedies: 3
  compliance: { outcomes: 4, complied: 4 }
`;
const WORCESTER = `authority:
  name: Worcester City Council
  type: district
recipient:
  title: Mr
  surname: Hopkins
  role: Managing Director
`;

async function check(dir: string, options: Parameters<typeof readyLetters>[3] = {}) {
  const project = await loadProject({ dataDir: join(dir, 'data'), templatesDir: join(dir, 'templates'), year: '2020' });
  return readyLetters(project, '2020', join(dir, 'out'), options);
}

const reasons = (letters: Readiness[]) => letters.map((letter) => [letter.slug, letter.ready ? 'ready' : letter.reason]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('readyLetters', () => {
  it('gives a built, up-to-date letter with its manifest entry and the bytes of its PDF', async () => {
    const dir = tempProject({ '2020/knowsley.yaml': KNOWSLEY, '2020/worcester.yaml': WORCESTER });
    expect(runCli(['build', '--year', '2020', '--format', 'pdf,text'], dir).code).toBe(0);
    const checked = await check(dir, { requireAddress: true });
    expect(checked.yearProblems).toEqual([]);
    expect(reasons(checked.letters)).toEqual([
      ['knowsley', 'ready'],
      ['worcester', 'no address: its data file has no recipient.email'],
    ]);
    const knowsley = checked.letters[0]!;
    if (!knowsley.ready) throw new Error('not ready');
    const pdf = readFileSync(join(dir, 'out/2020/knowsley.pdf'));
    expect(knowsley.files.get('pdf')!.bytes.equals(pdf)).toBe(true);
    expect(knowsley.files.get('pdf')!.sha256).toBe(sha256(pdf));
    expect(knowsley.files.get('pdf')!.path).toBe(join(dir, 'out/2020/knowsley.pdf'));
    expect([...knowsley.files.keys()]).toEqual(['pdf']);
    const manifest = JSON.parse(readFileSync(join(dir, 'out/2020/manifest.json'), 'utf8'));
    expect(knowsley.entry.inputs).toBe(manifest.letters.knowsley.inputs);
    expect(knowsley.letter.record.recipient.email).toBe('chief.executive@knowsley.example.org');
    // Without an address asked for, the other letter is ready too.
    expect(reasons((await check(dir)).letters)).toEqual([['knowsley', 'ready'], ['worcester', 'ready']]);
  });

  it('says which letters are not built, out of date, changed on disk, or built without the wanted format', async () => {
    const dir = tempProject({ '2020/knowsley.yaml': KNOWSLEY, '2020/worcester.yaml': WORCESTER });
    expect(runCli(['build', '--year', '2020', '--format', 'text', '--authority', 'knowsley'], dir).code).toBe(0);
    expect(reasons((await check(dir)).letters)).toEqual([
      ['knowsley', 'no PDF was built (`letters build --year 2020 --format pdf`)'],
      ['worcester', `not built: it is not in ${join(dir, 'out/2020/manifest.json')} (\`letters build --year 2020\`)`],
    ]);
    expect(reasons((await check(dir, { formats: ['text'] })).letters)[0]).toEqual(['knowsley', 'ready']);

    writeFileSync(join(dir, 'out/2020/knowsley.txt'), 'edited by hand\n');
    expect(reasons((await check(dir, { formats: ['text'] })).letters)[0]).toEqual([
      'knowsley',
      `${join(dir, 'out/2020/knowsley.txt')} is not the file that was built (changed since) (\`letters build --year 2020\`)`,
    ]);

    writeFileSync(join(dir, 'data/2020/knowsley.yaml'), KNOWSLEY.replace('upheld: 9', 'upheld: 8'));
    expect(reasons((await check(dir, { formats: ['text'] })).letters)[0]).toEqual([
      'knowsley',
      "out of date: its data or the year's templates changed since it was built (`letters build --year 2020`)",
    ]);
    // A template edit is as much a change as a data edit.
    expect(runCli(['build', '--year', '2020', '--format', 'text'], dir).code).toBe(0);
    expect(reasons((await check(dir, { formats: ['text'] })).letters)[0]).toEqual(['knowsley', 'ready']);
    const template = join(dir, 'templates/2020/letter.md.hbs');
    writeFileSync(template, `${readFileSync(template, 'utf8')}\nA sentence added.\n`);
    expect(reasons((await check(dir, { formats: ['text'] })).letters)[0]).toEqual([
      'knowsley',
      "out of date: its data or the year's templates changed since it was built (`letters build --year 2020`)",
    ]);
  });

  it('holds back a letter whose data file has problems, and every letter while the year has one', async () => {
    const dir = tempProject({ '2020/knowsley.yaml': KNOWSLEY, '2020/worcester.yaml': WORCESTER.replace('surname: Hopkins', 'surnme: Hopkins') });
    expect(runCli(['build', '--year', '2020', '--format', 'text', '--keep-going'], dir).code).toBe(1);
    expect(reasons((await check(dir, { formats: ['text'] })).letters)).toEqual([
      ['knowsley', 'ready'],
      ['worcester', 'its data file has a problem (`letters validate --year 2020`)'],
    ]);

    const yearFile = join(dir, 'templates/2020/year.yaml');
    writeFileSync(yearFile, readFileSync(yearFile, 'utf8').replace('letter_date: 2020-07-22', 'letter_date: 2020-07-32'));
    const checked = await check(dir, { formats: ['text'] });
    // A year that cannot be loaded has no letters to give.
    expect(checked.letters).toEqual([]);
    expect(checked.yearProblems.map((problem) => `${problem.field}  ${problem.message}`)).toEqual(['letter_date  must be a real date written yyyy-mm-dd, got the date 2020-07-32']);
  });
});
