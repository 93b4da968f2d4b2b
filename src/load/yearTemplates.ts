import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LettersError, UsageError } from '../errors.js';
import { compileLetterTemplate, type RenderMarkup, type TemplateSource } from '../template/compile.js';
import type { TypeAverages, YearConfig } from '../validate/schema.js';
import { readYearFile } from '../validate/yearFile.js';
import { readYearImages, type YearImages } from './yearImages.js';

/** One year's letter: its declaration and figures, and its compiled template. */
export interface Year {
  year: string;
  dir: string;
  config: YearConfig;
  render: RenderMarkup;
  /** The images its letters draw, read and checked once for all of them. */
  images: YearImages;
  /**
   * The averages its letters compare with: year.yaml's, or for `averages:
   * from-data`, those computed from the year's data (set by loadProject; none until then).
   */
  averages: TypeAverages;
  /** Every file the year's letters are made from (for input hashes). */
  files: string[];
}

export const LETTER_TEMPLATE = 'letter.md.hbs';
export const YEAR_FILE = 'year.yaml';
const SHARED_PARTIALS = 'partials';

/** Years that have a template folder (four digits and a year.yaml), in order. */
/** "no template for year 2019 (years with templates: 2018, 2020; `letters new-year 2019` starts it)": the one wording, wherever a year is missing. */
export function noTemplateMessage(year: string, available: string[]): string {
  return `no template for year ${year} (years with templates: ${available.join(', ') || 'none'}; \`letters new-year ${year}\` starts it)`;
}

/** The years with templates, after checking that `year` (when given) is one of them. */
export async function yearsWithTemplates(templatesDir: string, year?: string): Promise<string[]> {
  const available = await listYears(templatesDir);
  if (year !== undefined && !available.includes(year)) throw new LettersError(noTemplateMessage(year, available));
  return available;
}

export async function listYears(templatesDir: string): Promise<string[]> {
  const entries = await readdir(templatesDir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`templates folder not found: ${templatesDir} (give the folder of year templates with --templates)`);
  });
  const years: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !/^\d{4}$/.test(entry.name)) continue;
    const files = await readdir(join(templatesDir, entry.name));
    if (files.includes(YEAR_FILE) && files.includes(LETTER_TEMPLATE)) years.push(entry.name);
  }
  return years.sort();
}

export async function loadYear(templatesDir: string, year: string): Promise<Year> {
  const dir = join(templatesDir, year);
  const configFile = join(dir, YEAR_FILE);
  const checked = readYearFile(configFile);
  if (!checked.data) throw new LettersError(`the year file ${configFile} is not valid`, checked.problems);
  const config = checked.data;
  const images = await readYearImages(checked.yaml, config, dir);
  if (images.problems.length > 0) throw new LettersError(`the year file ${configFile} is not valid`, images.problems);
  const partials = await yearPartials(templatesDir, year);
  const letterFile = join(dir, LETTER_TEMPLATE);
  const letter = { file: letterFile, text: await readFile(letterFile, 'utf8') };
  const render = compileLetterTemplate(letter, partials);
  // The images' bytes are inputs of every letter too: a new signature remakes the year's letters.
  const files = [configFile, letterFile, ...[...partials.values()].map((source) => source.file), ...images.files].sort();
  return { year, dir, config, render, images: images.images, files, averages: config.averages === 'from-data' ? {} : config.averages };
}

/**
 * A year's partials by name: the shared ones, and the year's own (which win
 * over a shared one of the same name). Every template of the year is compiled with them.
 */
export async function yearPartials(templatesDir: string, year: string): Promise<Map<string, TemplateSource>> {
  const partials = new Map<string, TemplateSource>();
  for (const folder of [join(templatesDir, SHARED_PARTIALS), join(templatesDir, year, SHARED_PARTIALS)]) {
    for (const source of await readTemplates(folder)) partials.set(partialName(source.file), source);
  }
  return partials;
}

async function readTemplates(folder: string): Promise<TemplateSource[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const sources: TemplateSource[] = [];
  for (const name of names.filter((n) => n.endsWith('.hbs')).sort()) {
    const file = join(folder, name);
    const text = await readFile(file, 'utf8');
    // `name.md.hbs` holds blocks; `name.hbs` holds words used inside a sentence,
    // so the newline an editor leaves at its end must not break the sentence.
    sources.push({ file, text: name.endsWith('.md.hbs') ? text : text.replace(/\r?\n$/, '') });
  }
  return sources;
}

/** `partials/training-note.md.hbs` → `training-note` */
function partialName(file: string): string {
  return basename(file).replace(/\.hbs$/, '').replace(/\.md$/, '');
}
