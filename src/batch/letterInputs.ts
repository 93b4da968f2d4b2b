import { relative } from 'node:path';
import type { YearInputs } from '../project.js';
import { VERSION } from '../version.js';
import { WRITERS } from '../writers/index.js';
import { hashFiles, letterInputHash } from './inputHash.js';

/**
 * What a letter's input hash is made from besides its data file, computed
 * once for a run: `build` records it in the manifest, and what reads the
 * built letters later (sending them) compares with it.
 */
export interface RunInputs {
  /** The input hash of a letter of `year` whose data file's bytes hash to `data` (a draft's differs from the final letter's). */
  of(year: string, data: string, draft?: boolean): string;
}

export async function runInputs(years: Map<string, YearInputs>, templatesDir: string, only: Iterable<string> = years.keys()): Promise<RunInputs> {
  const yearHashes = new Map<string, string>();
  for (const year of only) {
    const template = years.get(year)!;
    const files = await hashFiles(template.files.map((path) => ({ name: relative(templatesDir, path).split('\\').join('/'), path })));
    // Averages computed from the data change with other authorities' files: they are an input too.
    yearHashes.set(year, template.config.averages === 'from-data' ? `${files}:${JSON.stringify(template.averages)}` : files);
  }
  const writers = await hashFiles(await writerInputFiles());
  return { of: (year, data, draft = false) => letterInputHash({ tool: VERSION, year: yearHashes.get(year)!, writers, data, draft }) };
}

/** Files the writers read besides the letter (the PDF fonts), named so the hash does not depend on where they are installed. */
async function writerInputFiles(): Promise<{ name: string; path: string }[]> {
  const files: { name: string; path: string }[] = [];
  for (const [format, writer] of Object.entries(WRITERS)) {
    if (!('inputFiles' in writer)) continue;
    for (const path of await writer.inputFiles()) files.push({ name: `${format}:${path.split(/[\\/]/).at(-1)}`, path });
  }
  return files;
}
