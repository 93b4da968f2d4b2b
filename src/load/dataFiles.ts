import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LettersError, type Problem } from '../errors.js';

/** One data file: `data/<year>/<slug>.yaml`. */
export interface DataFile {
  year: string;
  slug: string;
  file: string;
}

/** Lower-case words joined by single hyphens: safe as a file name on every system. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Finds every data file under `dataDir`, and a problem for each one misnamed. */
export async function findDataFiles(dataDir: string): Promise<{ files: DataFile[]; problems: Problem[] }> {
  const info = await stat(dataDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new LettersError(`data folder not found: ${dataDir}`);
  const files: DataFile[] = [];
  const problems: Problem[] = [];
  for (const yearEntry of (await readdir(dataDir, { withFileTypes: true })).sort(byName)) {
    if (!yearEntry.isDirectory()) continue;
    const year = yearEntry.name;
    const yearDir = join(dataDir, year);
    if (!/^\d{4}$/.test(year)) {
      problems.push({ severity: 'error', file: yearDir, message: 'data folders are named by year (four digits), e.g. data/2020' });
      continue;
    }
    for (const entry of (await readdir(yearDir, { withFileTypes: true })).sort(byName)) {
      const file = join(yearDir, entry.name);
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const match = /^(.*)\.ya?ml$/.exec(entry.name);
      if (!match) continue;
      const slug = match[1]!;
      if (entry.name.endsWith('.yml')) {
        problems.push({ severity: 'error', file, message: `data files end in .yaml: rename it ${slug}.yaml` });
      } else if (!SLUG.test(slug)) {
        problems.push({ severity: 'error', file, message: `"${slug}" is not a valid file name: use lower-case letters, digits and single hyphens, e.g. ${suggestSlug(slug)}.yaml` });
      } else {
        files.push({ year, slug, file });
      }
    }
  }
  return { files, problems };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function suggestSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/['’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'authority-name'
  );
}
