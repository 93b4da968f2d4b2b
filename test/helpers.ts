import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { afterEach, onTestFinished } from 'vitest';
import { loadProject } from '../src/project.js';
import { renderLetter } from '../src/render.js';
import { writeText } from '../src/writers/text.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding `files` (path → contents), removed after the test. */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'letters-test-'));
  made.push(dir);
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

/** A temporary project: the shipped templates, plus the given data files under data/. */
export function tempProject(data: Record<string, string>): string {
  const dir = tempDir(Object.fromEntries(Object.entries(data).map(([path, text]) => [join('data', path), text])));
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  return dir;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `letters` command as a user would, in `cwd`. */
export function runCli(args: string[], cwd = ROOT): RunResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Renders every letter of a project folder to text, keyed by `<year>/<slug>`. */
export async function renderProject(dir: string): Promise<{ texts: Map<string, string>; problems: string[]; warnings: string[] }> {
  const project = await loadProject({ dataDir: join(dir, 'data'), templatesDir: join(dir, 'templates') });
  const texts = new Map<string, string>();
  const warnings: string[] = [];
  for (const letter of project.letters) {
    const rendered = renderLetter(letter, project.years.get(letter.year)!);
    warnings.push(...rendered.warnings.map((w) => w.message));
    texts.set(`${letter.year}/${letter.slug}`, writeText(rendered.document));
  }
  return { texts, problems: project.problems.map((p) => p.message), warnings };
}

/** Collapses whitespace, so assertions read as the sentences a person sees. */
export function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) killGroup(child);
});

/** Ends the child and everything it started: it leads a process group of its own. */
function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Starts a long-running child for the current test (or suite). It is killed, with its
 * whole process group, when the test finishes, whether it passed, failed or
 * timed out (the test's own `finally` does not run after a time-out), and when
 * the test process exits.
 */
export function spawnForTest(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  try {
    onTestFinished(() => killGroup(child));
  } catch {
    // Started by a suite's hook rather than a test: that suite's afterAll stops it, and the exit handler above if it fails.
  }
  return child;
}
