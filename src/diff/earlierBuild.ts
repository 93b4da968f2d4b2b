import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { SLUG } from '../load/dataFiles.js';

/** A text letter of an earlier build: `<dir>/<year>/<slug>.txt`. */
export interface BuiltLetter {
  year: string;
  slug: string;
  file: string;
}

const YEAR = /^\d{4}$/;

/**
 * The text letters of an earlier `letters build` (`out/`, or a copy of it),
 * year by year. A folder that is missing, is a file, or holds no text letter
 * at all is wrong usage: most likely the wrong folder was named.
 */
export async function listBuiltLetters(dir: string, year?: string): Promise<BuiltLetter[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new UsageError(`--against ${dir} does not exist: give the folder of an earlier build (e.g. out)`);
  if (!info.isDirectory()) throw new UsageError(`--against ${dir} is a file, not a folder: give the folder of an earlier build (e.g. out)`);
  const years = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory() && YEAR.test(entry.name)).map((entry) => entry.name);
  const letters: BuiltLetter[] = [];
  for (const found of years.sort()) {
    for (const entry of await readdir(join(dir, found), { withFileTypes: true })) {
      const slug = entry.name.endsWith('.txt') ? entry.name.slice(0, -'.txt'.length) : '';
      if (entry.isFile() && SLUG.test(slug)) letters.push({ year: found, slug, file: join(dir, found, entry.name) });
    }
  }
  if (letters.length === 0) throw new UsageError(`--against ${dir} holds no text letters (<year>/<slug>.txt): give the folder of an earlier build made with text (e.g. out)`);
  return letters.filter((letter) => year === undefined || letter.year === year).sort((a, b) => a.year.localeCompare(b.year) || a.slug.localeCompare(b.slug));
}
