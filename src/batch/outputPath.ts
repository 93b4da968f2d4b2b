import { join, resolve, sep } from 'node:path';
import { LettersError } from '../errors.js';

/** `out/<year>/<slug>.<ext>`; year and slug are checked by the loader, and checked again here. */
export function outputPath(outDir: string, letter: { year: string; slug: string }, extension: string): string {
  const root = resolve(outDir);
  const file = resolve(join(root, letter.year, `${letter.slug}.${extension}`));
  if (!file.startsWith(root + sep)) throw new LettersError(`refusing to write outside ${outDir}: ${file}`);
  return file;
}

/** `out/<year>` */
export function yearDir(outDir: string, year: string): string {
  return join(resolve(outDir), year);
}
