import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { CLI, spawnForTest } from '../helpers.js';

/** A `letters` command left running (preview --serve or --watch), with what it has printed so far. */
export interface LiveProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /**
   * Resolves when stdout (or stderr) has printed something that matches `pattern` since `from` characters;
   * rejects, with what was printed, if the process exits first or nothing matches within `timeout` ms.
   */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr', from?: number, timeout?: number): Promise<RegExpExecArray>;
  /** Ctrl-C: SIGINT, then the exit code. */
  interrupt(): Promise<number | null>;
}

export function startLetters(args: string[], cwd: string): LiveProcess {
  const child = spawnForTest(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }) as ChildProcessWithoutNullStreams;
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out.stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (out.stderr += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitFor: (pattern, stream = 'stdout', from = 0, timeout = 100_000) =>
      new Promise((resolve, reject) => {
        const stop = () => {
          clearTimeout(timer);
          child[stream].off('data', check);
          child.off('exit', gone);
        };
        const check = () => {
          const found = pattern.exec(out[stream].slice(from));
          if (found) {
            stop();
            resolve(found);
          }
        };
        const fail = (why: string) => {
          stop();
          reject(new Error(`letters ${args.join(' ')} ${why} ${pattern}:\n--- stdout from ${from}:\n${out.stdout.slice(from)}\n--- stderr:\n${out.stderr}`));
        };
        const gone = () => fail('exited before printing');
        const timer = setTimeout(() => fail(`printed nothing in ${timeout} ms that matches`), timeout);
        child[stream].on('data', check);
        child.once('exit', gone);
        check();
      }),
    interrupt: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}
