import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ManifestEntry } from './manifest.js';

/**
 * A whole year's build leaves in `out/<year>/` exactly the letters of that
 * year's data: a manifest entry whose data file is gone has its recorded
 * files removed, then the entry itself. Only files the manifest recorded,
 * and only by their plain name inside the year's folder, are ever removed.
 * The files go before the entry, so a run killed between the two leaves an
 * entry the next run removes again, never a letter nobody tracks.
 */
export async function removeGone(dir: string, manifest: Map<string, ManifestEntry>, present: Set<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const [slug, entry] of [...manifest].sort(([a], [b]) => a.localeCompare(b))) {
    if (present.has(slug)) continue;
    for (const file of entry.files) {
      // A name that is not a plain file name could reach outside the folder: it is left alone.
      if (basename(file.name) !== file.name || file.name === '..' || file.name === '.') continue;
      await rm(join(dir, file.name), { force: true });
    }
    manifest.delete(slug);
    removed.push(slug);
  }
  return removed;
}
