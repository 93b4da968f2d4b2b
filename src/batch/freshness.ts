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
  for (const name of wanted) {
    const recorded = entry.files.find((file) => file.name === name);
    if (!recorded) return false;
    const bytes = await readFile(join(dir, name)).catch(() => undefined);
    if (!bytes || bytes.byteLength !== recorded.bytes || hashBytes(bytes) !== recorded.sha256) return false;
  }
  return true;
}
