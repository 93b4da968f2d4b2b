import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from '../helpers.js';

function run(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const undo: (() => void)[] = [];
afterEach(() => {
  for (const step of undo.splice(0).reverse()) step();
});

const KNOWSLEY_PDF = 'knowsley-metropolitan-borough-council.pdf';

describe('a full disk or an I/O error while building', () => {
  it('names the file and what was written, exit 1, and --json still prints its summary', () => {
    const out = tempDir();
    const result = run(['build', '--year', '2020', '--out', out, '--json', '--jobs', '1'], { LETTERS_FAIL_WRITE: `ENOSPC:${KNOWSLEY_PDF}` });
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect([summary.letters, summary.written, summary.failed]).toEqual([3, 2, 1]);
    expect(summary.errors).toEqual([
      {
        severity: 'error',
        file: 'data/2020/knowsley-metropolitan-borough-council.yaml',
        message: `could not write ${out}/2020/${KNOWSLEY_PDF}: no space left on the disk (ENOSPC); knowsley-metropolitan-borough-council.txt written, its other files as they were`,
      },
    ]);
    expect(result.stderr).not.toContain('internal error');
    expect(readdirSync(join(out, '2020')).filter((name) => name.includes('knowsley'))).toEqual(['knowsley-metropolitan-borough-council.txt']);
  });

  it('a manifest that cannot be saved is reported with the summary, never as an internal error', () => {
    const out = tempDir();
    const result = run(['build', '--year', '2020', '--out', out, '--format', 'text'], { LETTERS_FAIL_WRITE: 'EIO:manifest.json' });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('could not'))).toEqual([
      `could not write ${out}/2020/manifest.json: an input/output error from the disk (EIO); the letters written are in place, and the next build checks them again`,
    ]);
    expect(result.stdout).toMatch(/^3 letters \(3 written, 0 skipped unchanged\) in [\d.]+ s; warnings: 2\n$/);
  });

  it('a real full disk (a 64 KiB tmpfs): each letter that did not fit is named with what of it was written, no temporary file is left', () => {
    const out = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', out]);
    undo.push(() => execFileSync('umount', [out]));
    const result = run(['build', '--year', '2020', '--out', out, '--json', '--jobs', '1']);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    // Which file of which letter meets the full disk depends on the order writes finish in; each failure says which it was.
    expect(summary.failed).toBeGreaterThan(0);
    const letterErrors = summary.errors.filter((error: { file?: string }) => error.file !== undefined);
    expect(letterErrors.length).toBe(summary.failed);
    // The manifest may not fit either: said as such.
    for (const error of summary.errors.filter((error: { file?: string }) => error.file === undefined)) {
      expect(error.message).toBe(`could not write ${out}/2020/manifest.json: no space left on the disk (ENOSPC); the letters written are in place, and the next build checks them again`);
    }
    for (const error of letterErrors) {
      expect(error.message).toMatch(new RegExp(`^could not write ${out}/2020/[a-z-]+\\.(txt|pdf|html): no space left on the disk \\(ENOSPC\\); (this letter's files are as they were|[a-z.,\\s-]+ written, its other files as they were)$`));
    }
    expect(readdirSync(join(out, '2020')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a folder that cannot be written to (immutable: root ignores permission bits)', () => {
  it('export names the file and says it is as it was', () => {
    const dir = tempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    execFileSync('chattr', ['+i', locked]);
    undo.push(() => execFileSync('chattr', ['-i', locked]));
    const result = run(['export', '--year', '2020', '--out', join(locked, 'stats.csv')]);
    expect(result.stderr).toBe(`error: could not write ${locked}/stats.csv: the operation is not permitted (is the file or its folder immutable or read-only?) (EPERM); ${locked}/stats.csv is as it was\n`);
    expect(result.code).toBe(1);
    expect(existsSync(join(locked, 'stats.csv'))).toBe(false);
  });
});

describe('two builds of one output year', () => {
  it('the second exits 1 naming the first by its process id', async () => {
    const out = tempDir();
    const first = spawn(process.execPath, [CLI, 'build', '--year', '2020', '--out', out, '--format', 'text', '--force'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, LETTERS_STOP_AT: 'building:SIGSTOP' } });
    const exited = new Promise((resolve) => first.once('exit', resolve));
    undo.push(() => first.kill('SIGKILL'));
    try {
      while (readFileSync(`/proc/${first.pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'T') await new Promise((resolve) => setTimeout(resolve, 20));
      const second = run(['build', '--year', '2020', '--out', out, '--format', 'text']);
      expect(second.stderr).toBe(`error: the output folder ${out}/2020 is being written by another command (process ${first.pid}, \`letters build\`): nothing changed; try again when it has finished (lock: ${out}/.2020.lock)\n`);
      expect(second.code).toBe(1);
    } finally {
      first.kill('SIGKILL');
      await exited;
    }
    // Its lock is taken over once it is gone.
    expect(run(['build', '--year', '2020', '--out', out, '--format', 'text']).code).toBe(0);
    expect(readdirSync(out)).toEqual(['2020']);
  });
});

describe('a closed pipe', () => {
  it('`letters list | head -1` ends quietly: the reader gone before anything is written, no stack trace, exit 0', async () => {
    const child = spawn(process.execPath, [CLI, 'list'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the command has loaded: its first write meets a closed pipe (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
