import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LettersError } from '../errors.js';

/** A published letter kept as a reference: `<year>-<slug>.txt`, with its expected differences beside it. */
export interface ReferenceLetter {
  file: string;
  expectedFile: string;
  year: string;
  slug: string;
}

const NAME = /^(\d{4})-([a-z0-9-]+)\.txt$/;

export function referenceLetter(file: string): ReferenceLetter {
  const match = NAME.exec(basename(file));
  if (!match) throw new LettersError(`${file}: reference letters are named <year>-<authority-slug>.txt`);
  return { file, expectedFile: file.replace(/\.txt$/, '.expected.yaml'), year: match[1]!, slug: match[2]! };
}

export async function listReferenceLetters(dir: string): Promise<ReferenceLetter[]> {
  const names = await readdir(dir).catch(() => {
    throw new LettersError(`reference letters folder not found: ${dir}`);
  });
  return names
    .filter((name) => NAME.test(name))
    .sort()
    .map((name) => referenceLetter(join(dir, name)));
}
