import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeSyntheticSet } from '../../bench/syntheticSet.mjs';
import { CLI, spawnForTest, tempDir } from '../helpers.js';

/** A temporary project of `count` generated authorities (the benchmark's set, smaller). */
export function syntheticProject(count: number): string {
  const dir = tempDir();
  writeSyntheticSet(dir, { count });
  return dir;
}

/** Every file under `dir`, by relative path, as its sha256: two folders with equal snapshots hold the same bytes. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const path = join(sub, name);
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else files[path] = createHash('sha256').update(readFileSync(join(dir, path))).digest('hex');
    }
  };
  walk('');
  return files;
}

export interface SavedManifest {
  tool: string;
  year: string;
  letters: Record<string, { inputs: string; files: Record<string, { sha256: string; bytes: number; pages?: number }>; warnings: { message: string }[] }>;
}

export function readManifest(out: string, year: string): SavedManifest {
  return JSON.parse(readFileSync(join(out, year, 'manifest.json'), 'utf8')) as SavedManifest;
}

/** The closing line, with the time taken out: `400 letters (…) in T; warnings: 3`. */
export function summaryOf(stdout: string): string {
  return stdout.trim().replace(/ in \d+\.\d s;/, ' in T;');
}

export interface Started {
  child: ChildProcess;
  /** Resolves when the process has exited, with everything it printed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the built `letters` command in `cwd` without waiting for it, so a test can signal it mid-run. */
export function startCli(args: string[], cwd: string): Started {
  const child = spawnForTest(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<Awaited<Started['exited']>>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exited };
}

/** Polls until `ready` holds (no fixed sleeps: a slow machine only waits longer; the limit only stops a run that never gets there). */
export async function waitUntil(ready: () => boolean, what: string, limitMs = 150_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Paths under `dir` (relative), or none when it does not exist (yet, or for
 * the moment: the build makes --out to check it can write there, then
 * removes it again until the data is known to be good).
 */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
