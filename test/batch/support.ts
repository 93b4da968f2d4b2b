import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticSet } from '../../bench/syntheticSet.mjs';
import { tempDir } from '../helpers.js';

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
