import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError, type Problem } from '../errors.js';
import { visible } from '../validate/visible.js';

/** One data file: `data/<year>/<slug>.yaml`. */
export interface DataFile {
  year: string;
  slug: string;
  file: string;
}

/**
 * Lower-case words joined by single hyphens: safe as a file name on every
 * system, and never `.`, `..` or a path separator, so `<out>/<year>/<slug>.txt`
 * stays inside `<out>` whatever the data folder holds.
 */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 120;
export const YEAR = /^\d{4}$/;
/** Names Windows reserves for devices: `con.pdf` cannot be written there. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

export interface FoundDataFiles {
  files: DataFile[];
  problems: Problem[];
}

/** Finds every data file under `dataDir`, and a problem for each one misnamed. */
export async function findDataFiles(dataDir: string): Promise<FoundDataFiles> {
  const info = await stat(dataDir).catch(() => undefined);
  if (!info) throw new UsageError(`data folder not found: ${dataDir} (give the folder of data files with --data)`);
  if (!info.isDirectory()) throw new UsageError(`--data ${dataDir} is a file, not a folder`);
  const files: DataFile[] = [];
  const problems: Problem[] = [];
  for (const yearEntry of (await readdir(dataDir, { withFileTypes: true })).sort(byName)) {
    if (yearEntry.name.startsWith('.') || !(await isFolder(join(dataDir, yearEntry.name)))) continue;
    const year = yearEntry.name;
    const yearDir = join(dataDir, year);
    if (!YEAR.test(year)) {
      problems.push({ severity: 'error', file: yearDir, message: `"${visible(year)}" is not a year: data folders are named by year (four digits), e.g. data/2020` });
      continue;
    }
    for (const entry of (await readdir(yearDir, { withFileTypes: true })).sort(byName)) {
      const file = join(yearDir, entry.name);
      const match = /^(.*)\.(ya?ml)$/i.exec(entry.name);
      if (!match || entry.name.startsWith('.')) continue;
      const problem = (message: string) => problems.push({ severity: 'error', file, line: 1, column: 1, message });
      const slug = match[1]!;
      if (match[2] !== 'yaml') problem(`data files end in .yaml: rename it ${visible(slug)}.yaml`);
      else if (!SLUG.test(slug)) problem(`"${visible(slug)}" is not a valid file name: use lower-case letters, digits and single hyphens, e.g. ${suggestSlug(slug)}.yaml`);
      else if (slug.length > MAX_SLUG_LENGTH) problem(`the file name is too long (at most ${MAX_SLUG_LENGTH} characters before .yaml)`);
      else if (RESERVED.test(slug)) problem(`"${slug}" is a name Windows reserves for a device: use the authority's name`);
      else files.push({ year, slug, file });
    }
  }
  return { files, problems };
}

/** Follows a symbolic link, as the reader will. */
async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * A name as compared for one authority: case, spacing, accents, `&` or
 * "and", and punctuation ignored ("KING'S LYNN & WEST NORFOLK" is "King's
 * Lynn and West Norfolk"). Import matches a row to a file by it, and
 * validation refuses two files of a year with one.
 */
export function authorityKey(name: string): string {
  return slugWords(name) || name.toLowerCase();
}

export function suggestSlug(text: string): string {
  return slugWords(text) || 'authority-name';
}

function slugWords(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/['’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
  );
}
