import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashBytes } from './inputHash.js';
import type { ManifestEntry } from './manifest.js';

/**
 * Whether a letter can be skipped: its manifest entry was made from these
 * inputs and lists every wanted file, and each of those files is still on
 * disk with the bytes the manifest recorded (so a file deleted or edited by
 * hand is remade, not trusted).
 */
export async function isUpToDate(entry: ManifestEntry | undefined, inputs: string, wanted: string[], dir: string): Promise<boolean> {
  if (!entry || entry.inputs !== inputs) return false;
  for (const name of wanted) if (!(await builtFile(entry, name, dir)).ok) return false;
  return true;
}

/** One file of a manifest entry as it is on disk: its bytes when they are those recorded, else what is wrong. */
export type BuiltFile = { ok: true; name: string; path: string; sha256: string; bytes: Buffer } | { ok: false; name: string; path: string; wrong: 'not listed' | 'missing' | 'changed' };

export async function builtFile(entry: ManifestEntry, name: string, dir: string): Promise<BuiltFile> {
  const path = join(dir, name);
  const recorded = entry.files.find((file) => file.name === name);
  if (!recorded) return { ok: false, name, path, wrong: 'not listed' };
  const bytes = await readFile(path).catch(() => undefined);
  if (!bytes) return { ok: false, name, path, wrong: 'missing' };
  if (bytes.byteLength !== recorded.bytes || hashBytes(bytes) !== recorded.sha256) return { ok: false, name, path, wrong: 'changed' };
  return { ok: true, name, path, sha256: recorded.sha256, bytes };
}
