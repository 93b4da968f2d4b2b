import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CLI } from '../helpers.js';

/** A `letters` command left running (preview --serve or --watch), with what it has printed so far. */
export interface LiveProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout (or stderr) has printed something that matches `pattern` since `from` characters. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr', from?: number): Promise<RegExpExecArray>;
  /** Ctrl-C: SIGINT, then the exit code. */
  interrupt(): Promise<number | null>;
}

const running = new Set<ChildProcessWithoutNullStreams>();
process.on('exit', () => {
  for (const child of running) child.kill();
});

export function startLetters(args: string[], cwd: string): LiveProcess {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  running.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out.stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (out.stderr += text));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitFor: (pattern, stream = 'stdout', from = 0) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = pattern.exec(out[stream].slice(from));
          if (found) {
            child[stream].off('data', check);
            child.off('exit', gone);
            resolve(found);
          }
        };
        const gone = () => reject(new Error(`letters ${args.join(' ')} exited before printing ${pattern}:\n${out.stdout}\n${out.stderr}`));
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
