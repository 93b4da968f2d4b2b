import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, tempProject } from '../helpers.js';

const file = (name: string, investigations: number) => `# yaml-language-server: $schema=../../schema/2020.json
authority:
  name: ${name}
  type: metropolitan-borough
recipient:
  title: Mr
  surname: Harden
  role: Chief Executive
statistics:
  investigations: ${investigations}   # as returned
  upheld: 9
  satisfactory_remedies: 3
  compliance: { outcomes: 4, complied: 4 }
`;
const KNOWSLEY = 'data/2020/knowsley-metropolitan-borough-council.yaml';
const WIRRAL = 'data/2020/wirral-metropolitan-borough-council.yaml';
const SHEET = `Authority,Authority type,Detailed investigations,Upheld,Satisfactory remedies,Compliance outcomes,Complied
Knowsley Metropolitan Borough Council,Metropolitan Borough,13,9,3,4,4
Wirral Metropolitan Borough Council,Metropolitan Borough,14,9,3,4,4
`;
const OLD = { [KNOWSLEY]: file('Knowsley Metropolitan Borough Council', 12), [WIRRAL]: file('Wirral Metropolitan Borough Council', 12) };
const NEW = { [KNOWSLEY]: file('Knowsley Metropolitan Borough Council', 13), [WIRRAL]: file('Wirral Metropolitan Borough Council', 14) };
const SUMMARY = '2 rows read: 0 created, 2 updated, 0 unchanged, 0 rows skipped\n';

function project(): string {
  const dir = tempProject(Object.fromEntries(Object.entries(OLD).map(([path, text]) => [path.slice('data/'.length), text])));
  writeFileSync(join(dir, 'stats.csv'), SHEET);
  return dir;
}

function run(dir: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

const importArgs = ['import', 'stats.csv', '--year', '2020'];
const contents = (dir: string) => Object.fromEntries([KNOWSLEY, WIRRAL].map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
/** Every name in the year's folder and beside it: staged files, journal, temporary files and locks included. */
const names = (dir: string) => [...readdirSync(join(dir, 'data')).map((name) => `data/${name}`), ...readdirSync(join(dir, 'data/2020')).map((name) => `data/2020/${name}`)].sort();
const CLEAN = ['data/2020', KNOWSLEY, WIRRAL].sort();

describe('an import killed part way', () => {
  it('killed while staging: nothing changed, and the next import says it undid what was left, then imports', () => {
    const dir = project();
    const killed = run(dir, importArgs, { LETTERS_STOP_AT: 'staging' });
    expect(killed.signal).toBe('SIGKILL');
    expect(contents(dir)).toEqual(OLD);
    const next = run(dir, importArgs);
    expect(next.stderr).toBe('an import into data/2020 was interrupted before it replaced any file: undone, every file is as it was before it\n');
    expect(next.stdout).toBe(SUMMARY);
    expect(next.code).toBe(0);
    expect(contents(dir)).toEqual(NEW);
    expect(names(dir)).toEqual(CLEAN);
  });

  it('killed after staging every file, before renaming: validate undoes it and says so', () => {
    const dir = project();
    expect(run(dir, importArgs, { LETTERS_STOP_AT: 'staged' }).signal).toBe('SIGKILL');
    expect(contents(dir)).toEqual(OLD);
    const validate = run(dir, ['validate', '--year', '2020']);
    expect(validate.stderr).toBe('an import into data/2020 was interrupted before it replaced any file: undone, every file is as it was before it\n');
    expect(validate.stdout).toBe('2 data files valid\n');
    expect(names(dir)).toEqual(CLEAN);
    expect(contents(dir)).toEqual(OLD);
  });

  it('killed after the first rename: one file is new, one old, each whole; the next import finishes it and says so', () => {
    const dir = project();
    expect(run(dir, importArgs, { LETTERS_STOP_AT: 'renaming' }).signal).toBe('SIGKILL');
    expect(contents(dir)).toEqual({ [KNOWSLEY]: NEW[KNOWSLEY], [WIRRAL]: OLD[WIRRAL] });
    const next = run(dir, importArgs);
    expect(next.stderr).toBe('an import into data/2020 was interrupted while it replaced its files: finished, 2 files are as that import wrote them (1 replaced now)\n');
    expect(next.stdout).toBe('2 rows read: 0 created, 0 updated, 2 unchanged, 0 rows skipped\n');
    expect(contents(dir)).toEqual(NEW);
    expect(names(dir)).toEqual(CLEAN);
  });

  it('validate finishes an import killed while renaming', () => {
    const dir = project();
    run(dir, importArgs, { LETTERS_STOP_AT: 'renaming' });
    const validate = run(dir, ['validate']);
    expect(validate.stderr).toBe('an import into data/2020 was interrupted while it replaced its files: finished, 2 files are as that import wrote them (1 replaced now)\n');
    expect(contents(dir)).toEqual(NEW);
    expect(names(dir)).toEqual(CLEAN);
  });

  for (const [signal, code, name] of [['SIGTERM', 143, 'SIGTERM'], ['SIGINT', 130, 'Ctrl-C']] as const) {
    it(`${signal} before the renames changes nothing and exits ${code} saying so`, () => {
      const dir = project();
      const stopped = run(dir, importArgs, { LETTERS_STOP_AT: `staged:${signal}` });
      expect(stopped.stderr).toBe(`stopped by ${name} before any data file was replaced: nothing changed\n`);
      expect(stopped.stdout).toBe('');
      expect(stopped.code).toBe(code);
      expect(contents(dir)).toEqual(OLD);
      expect(names(dir)).toEqual(CLEAN);
    });
  }

  it('replaces each updated data file by a new one (a new inode), never writing it in place', () => {
    const dir = project();
    const before = statSync(join(dir, KNOWSLEY)).ino;
    expect(run(dir, importArgs).stdout).toBe(SUMMARY);
    expect(readFileSync(join(dir, KNOWSLEY), 'utf8')).toBe(NEW[KNOWSLEY]);
    expect(statSync(join(dir, KNOWSLEY)).ino).not.toBe(before);
  });
});

describe('a full disk or an I/O error during an import', () => {
  for (const [code, meaning] of [['ENOSPC', 'no space left on the disk'], ['EIO', 'an input/output error from the disk'], ['EACCES', 'permission denied']]) {
    it(`${code} on the second file: names it, changes nothing, exit 1`, () => {
      const dir = project();
      const failed = run(dir, importArgs, { LETTERS_FAIL_WRITE: `${code}:wirral` });
      expect(failed.stderr).toBe(`error: could not write ${WIRRAL}: ${meaning} (${code}); nothing was changed\n`);
      expect(failed.stdout).toBe('');
      expect(failed.code).toBe(1);
      expect(contents(dir)).toEqual(OLD);
      expect(names(dir)).toEqual(CLEAN);
    });
  }
});

describe('two commands writing one data year', () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
    }
  });

  /** An import that stops itself (SIGSTOP) with every file staged, holding the year's lock. */
  async function heldImport(dir: string) {
    const child = spawn(process.execPath, [CLI, ...importArgs], { cwd: dir, env: { ...process.env, LETTERS_STOP_AT: 'staged:SIGSTOP' }, stdio: 'ignore' });
    children.push(child);
    for (;;) {
      const state = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.[0];
      if (state === 'T') return child;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('a second import exits 1 naming the first by its process id, and changes nothing', async () => {
    const dir = project();
    const first = await heldImport(dir);
    const second = run(dir, importArgs);
    expect(second.stderr).toBe(`error: the data folder data/2020 is being written by another command (process ${first.pid}, \`letters import\`): nothing changed; try again when it has finished (lock: data/.2020.lock)\n`);
    expect(second.code).toBe(1);
    expect(contents(dir)).toEqual(OLD);
  });

  it('new-year of the year an import is writing exits 1 naming it', async () => {
    const dir = project();
    writeFileSync(join(dir, 'stats.csv'), SHEET);
    const first = await heldImport(dir);
    const newYear = run(dir, ['new-year', '2020', '--from', '2018']);
    expect(newYear.stderr).toBe(`error: the data folder data/2020 is being written by another command (process ${first.pid}, \`letters import\`): nothing changed; try again when it has finished (lock: data/.2020.lock)\n`);
    expect(newYear.code).toBe(1);
  });

  it('the lock of a killed import is taken over, and what it staged undone', async () => {
    const dir = project();
    const first = await heldImport(dir);
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    const next = run(dir, importArgs);
    expect(next.stderr).toBe('an import into data/2020 was interrupted before it replaced any file: undone, every file is as it was before it\n');
    expect(next.stdout).toBe(SUMMARY);
    expect(contents(dir)).toEqual(NEW);
    expect(names(dir)).toEqual(CLEAN);
  });
});
