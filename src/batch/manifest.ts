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
  /** Made by `build --draft` from a year still marked for review: not a letter to send. */
  draft?: true;
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

/**
 * The manifest's bytes: what `JSON.stringify(…, null, 2)` of the whole would
 * write, put together from each entry's own bytes, made once per entry. The
 * manifest is saved every second during a run; made afresh each time, the
 * text of thousands of entries was most of what the main thread allocated,
 * and kept its young generation at its largest.
 */
export function serialiseManifest(tool: string, year: string, entries: Map<string, ManifestEntry>): Buffer {
  const slugs = [...entries.keys()].sort();
  const parts: Buffer[] = [Buffer.from(`{\n  "tool": ${JSON.stringify(tool)},\n  "year": ${JSON.stringify(year)},\n  "letters": ${slugs.length === 0 ? '{}' : '{\n'}`)];
  slugs.forEach((slug, index) => {
    if (index > 0) parts.push(ENTRY_SEPARATOR);
    parts.push(entryBytes(slug, entries.get(slug)!));
  });
  parts.push(Buffer.from(slugs.length === 0 ? '\n}\n' : '\n  }\n}\n'));
  return Buffer.concat(parts);
}

const ENTRY_SEPARATOR = Buffer.from(',\n');

/** Entries are never changed, only replaced: each one's bytes are kept with it. */
const entryTexts = new WeakMap<ManifestEntry, Buffer>();

function entryBytes(slug: string, entry: ManifestEntry): Buffer {
  let bytes = entryTexts.get(entry);
  if (bytes === undefined) {
    const files: SavedEntry['files'] = {};
    for (const file of [...entry.files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      files[file.name] = file.pages === undefined ? { sha256: file.sha256, bytes: file.bytes } : { sha256: file.sha256, bytes: file.bytes, pages: file.pages };
    }
    const saved: SavedEntry = { inputs: entry.inputs, ...(entry.draft ? { draft: true as const } : {}), files, warnings: entry.warnings.map(problemFields) };
    // Indented as the fourth level of the whole; JSON strings hold no raw line breaks.
    bytes = Buffer.from(`    ${JSON.stringify(slug)}: ${JSON.stringify(saved, null, 2).replaceAll('\n', '\n    ')}`);
    entryTexts.set(entry, bytes);
  }
  return bytes;
}

/** How an entry is saved: files keyed by name, for people reading the manifest. */
interface SavedEntry {
  inputs: string;
  draft?: true;
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
  return { inputs: value.inputs, files, warnings: value.warnings.map(problemFields), ...(value.draft === true ? { draft: true as const } : {}) };
}

/** Always the same keys in the same order, whichever thread or file the problem came from. */
function problemFields(problem: Problem): Problem {
  const { severity, file, line, column, field, message } = problem;
  return JSON.parse(JSON.stringify({ severity, file, line, column, field, message })) as Problem;
}
