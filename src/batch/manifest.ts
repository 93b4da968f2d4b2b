import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../errors.js';
import { writeFileAtomic } from '../output/atomicWrite.js';
import type { WrittenFile } from './task.js';

/**
 * `out/<year>/manifest.json`: what each letter's files are and what they were
 * made from. It is what makes a rerun incremental, so it is written only
 * after the files it lists, atomically, and deterministically (sorted, no
 * times), so an interrupted run that is rerun ends with the same bytes as
 * a run that was never interrupted.
 */

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestEntry {
  /** `letterInputHash` of what the files were made from. */
  inputs: string;
  files: WrittenFile[];
  warnings: Problem[];
}

/** The entries by slug; an absent or unreadable manifest is an empty one (everything is remade). */
export async function readManifest(dir: string): Promise<Map<string, ManifestEntry>> {
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch(() => undefined);
  const entries = new Map<string, ManifestEntry>();
  if (text === undefined) return entries;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return entries;
  }
  const letters = (parsed as { letters?: unknown } | null)?.letters;
  if (typeof letters !== 'object' || letters === null) return entries;
  for (const [slug, value] of Object.entries(letters as Record<string, SavedEntry>)) {
    const entry = entryFromJson(value);
    if (entry) entries.set(slug, entry);
  }
  return entries;
}

export async function writeManifest(dir: string, tool: string, year: string, entries: Map<string, ManifestEntry>): Promise<void> {
  await writeFileAtomic(join(dir, MANIFEST_FILE), serialiseManifest(tool, year, entries));
}

export function serialiseManifest(tool: string, year: string, entries: Map<string, ManifestEntry>): string {
  const letters: Record<string, SavedEntry> = {};
  for (const slug of [...entries.keys()].sort()) {
    const entry = entries.get(slug)!;
    const files: SavedEntry['files'] = {};
    for (const file of [...entry.files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      files[file.name] = file.pages === undefined ? { sha256: file.sha256, bytes: file.bytes } : { sha256: file.sha256, bytes: file.bytes, pages: file.pages };
    }
    letters[slug] = { inputs: entry.inputs, files, warnings: entry.warnings.map(problemFields) };
  }
  return `${JSON.stringify({ tool, year, letters }, null, 2)}\n`;
}

/** How an entry is saved: files keyed by name, for people reading the manifest. */
interface SavedEntry {
  inputs: string;
  files: Record<string, { sha256: string; bytes: number; pages?: number }>;
  warnings: Problem[];
}

function entryFromJson(value: SavedEntry): ManifestEntry | undefined {
  if (typeof value !== 'object' || value === null || typeof value.inputs !== 'string') return undefined;
  if (typeof value.files !== 'object' || value.files === null || !Array.isArray(value.warnings)) return undefined;
  const files: WrittenFile[] = [];
  for (const [name, file] of Object.entries(value.files)) {
    if (typeof file?.sha256 !== 'string' || typeof file.bytes !== 'number') return undefined;
    files.push(file.pages === undefined ? { name, sha256: file.sha256, bytes: file.bytes } : { name, sha256: file.sha256, bytes: file.bytes, pages: file.pages });
  }
  return { inputs: value.inputs, files, warnings: value.warnings.map(problemFields) };
}

/** Always the same keys in the same order, whichever thread or file the problem came from. */
function problemFields(problem: Problem): Problem {
  const { severity, file, line, column, field, message } = problem;
  return JSON.parse(JSON.stringify({ severity, file, line, column, field, message })) as Problem;
}
