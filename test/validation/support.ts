import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { afterAll } from 'vitest';
import { formatProblem, LettersError, sortProblems, type Problem } from '../../src/errors.js';
import { loadProject } from '../../src/project.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist', 'cli.js');

/** A shipped data file's text, e.g. `shipped('2020/knowsley-metropolitan-borough-council.yaml')`. */
export function shipped(path: string): string {
  return readFileSync(join(ROOT, 'data', path), 'utf8');
}

// One folder per test file, removed at the end; tests may run concurrently,
// so nothing is removed while another test may still use it.
const root = mkdtempSync(join(tmpdir(), 'letters-validation-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let projects = 0;

export type TemplateEdits = Record<string, (text: string) => string>;

/** A project folder: the shipped templates (with `edits` applied) and exactly the given files. */
export function makeProject(files: Record<string, string | Uint8Array>, edits: TemplateEdits = {}): string {
  const dir = join(root, `p${(projects += 1)}`);
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  for (const [path, edit] of Object.entries(edits)) {
    const file = join(dir, 'templates', path);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
  }
  return dir;
}

/**
 * Every error `letters` would report for a project, loaded and rendered in
 * process, as the printed lines with paths relative to the project.
 */
export async function problemLines(dir: string): Promise<string[]> {
  const project = await loadProject({ dataDir: join(dir, 'data'), templatesDir: join(dir, 'templates') });
  const { problems } = project;
  const lines = sortProblems(problems.filter((p) => p.severity === 'error')).map((p) => formatProblem(p).replaceAll(dir + sep, ''));
  return [...new Set(lines)];
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built command in `cwd`, as a user would; gives up only on a run that hangs (3 minutes: a busy machine is slow). */
export function runCli(args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** What a crash looks like: a stack frame, or the CLI's last-resort message. */
export const CRASH = /^\s+at |internal error|TypeError|ReferenceError/m;
