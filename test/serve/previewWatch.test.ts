import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CLI, runCli, spawnForTest, tempProject } from '../helpers.js';
import { startLetters } from './liveProcess.js';

const KNOWSLEY = '2020/knowsley-metropolitan-borough-council.yaml';

describe('letters preview --watch', () => {
  it('prints the text letter again on each save, the problems on a bad save, and stops on Ctrl-C with 130', async () => {
    const dir = tempProject({ [KNOWSLEY]: readFileSync(join(import.meta.dirname, '../../data', KNOWSLEY), 'utf8') });
    const data = join(dir, 'data', KNOWSLEY);
    const original = readFileSync(data, 'utf8');
    const before = runCli(['preview', 'knowsley'], dir).stdout;
    expect(before).toContain('Dear Mr Harden\n');

    const watch = startLetters(['preview', 'knowsley', '--watch'], dir);
    try {
      await watch.waitFor(/Dear Mr Harden\n[^]*Michael King\n/);
      expect(watch.stdout()).toBe(before);

      writeFileSync(data, original.replace('  surname: Harden\n', '  surname: Hardcastle\n'));
      await watch.waitFor(/Dear Mr Hardcastle\n[^]*Michael King\n/, 'stdout', before.length);
      const after = runCli(['preview', 'knowsley'], dir).stdout;
      // Off a terminal, no screen-clearing codes: each letter follows the last.
      expect(watch.stdout().startsWith(before)).toBe(true);
      expect(watch.stdout().endsWith(after)).toBe(true);
      const printed = watch.stdout().length;

      writeFileSync(data, original.replace('  surname: Harden\n', '  surname: [Harden\n'));
      // The broken flow sequence opens on line 7 and is found unclosed where line 8 starts.
      await watch.waitFor(/^data\/2020\/knowsley-metropolitan-borough-council\.yaml:8:3 {2}YAML syntax: .*\nthe letter is out of date until these are fixed; waiting for the next save\n/m, 'stderr');
      expect(watch.stdout().length).toBe(printed);

      writeFileSync(data, original);
      await watch.waitFor(/Dear Mr Harden\n[^]*Michael King\n/, 'stdout', printed);
      expect(watch.stdout().endsWith(before)).toBe(true);
    } finally {
      expect(await watch.interrupt()).toBe(130);
    }
  }, 120_000);

  it('clears the screen before each letter on a terminal', async () => {
    const dir = tempProject({ [KNOWSLEY]: readFileSync(join(import.meta.dirname, '../../data', KNOWSLEY), 'utf8') });
    // `script` (util-linux) runs the command on a pseudo-terminal and copies what it prints.
    const command = `${process.execPath} ${CLI} preview knowsley --watch`;
    const terminal = spawnForTest('script', ['-qfec', command, '/dev/null'], { cwd: dir });
    let printed = '';
    terminal.stdout!.setEncoding('utf8').on('data', (text: string) => (printed += text));
    try {
        await vi.waitFor(() => expect(printed).toContain('Michael King'), { timeout: 60_000, interval: 100 });
        expect(printed.startsWith('\x1b[2J\x1b[3J\x1b[H')).toBe(true);
        expect(printed).toContain('Dear Mr Harden');
    } finally {
      terminal.kill('SIGKILL');
    }
  }, 120_000);

  it('prints the last of two saves made 40 ms apart, each time', async () => {
    const dir = tempProject({ [KNOWSLEY]: readFileSync(join(import.meta.dirname, '../../data', KNOWSLEY), 'utf8') });
    const data = join(dir, 'data', KNOWSLEY);
    const original = readFileSync(data, 'utf8');
    const watch = startLetters(['preview', 'knowsley', '--watch'], dir);
    try {
      await watch.waitFor(/Dear Mr Harden\n[^]*Michael King\n/);
      // The second save of each pair falls inside the window in which the file watcher drops a repeated change.
      for (const [first, second] of [['Hardcastle', 'Hardwick'], ['Hartley', 'Harding'], ['Harwood', 'Harper']]) {
        const printed = watch.stdout().length;
        writeFileSync(data, original.replace('  surname: Harden\n', `  surname: ${first}\n`));
        await new Promise((resolve) => setTimeout(resolve, 40));
        writeFileSync(data, original.replace('  surname: Harden\n', `  surname: ${second}\n`));
        await watch.waitFor(new RegExp(`Dear Mr ${second}\n[^]*Michael King\n`), 'stdout', printed);
        expect(watch.stdout().slice(watch.stdout().lastIndexOf('Dear Mr '))).toMatch(new RegExp(`^Dear Mr ${second}\n`));
      }
    } finally {
      expect(await watch.interrupt()).toBe(130);
    }
  }, 120_000);

  it('cannot be used with --serve, --pdf or --format; --port needs --serve', () => {
    expect(runCli(['preview', 'knowsley', '--watch', '--serve'])).toMatchObject({ code: 2, stderr: 'error: --serve and --watch cannot be used together (the page is live already)\n' });
    expect(runCli(['preview', 'knowsley', '--watch', '--pdf'])).toMatchObject({ code: 2, stderr: 'error: --pdf cannot be used with --watch (--watch prints text)\n' });
    expect(runCli(['preview', 'knowsley', '--watch', '--format', 'html'])).toMatchObject({ code: 2, stderr: 'error: --format cannot be used with --watch\n' });
    expect(runCli(['preview', 'knowsley', '--port', '8080'])).toMatchObject({ code: 2, stderr: 'error: --port is for --serve\n' });
    expect(runCli(['preview', 'knowsley', '--serve', '--port', '70000'])).toMatchObject({ code: 2, stderr: 'error: --port takes a port number from 0 to 65535 (got "70000")\n(run with --help for usage)\n' });
  }, 60_000);
});
