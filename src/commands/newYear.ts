import { cp, lstat, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT_FAILURE, EXIT_OK, LettersError, UsageError } from '../errors.js';
import { parseYamlBytes } from '../load/yamlFile.js';
import { listYears, YEAR_FILE } from '../load/yearTemplates.js';
import { carriedOverDataFile } from '../newYear/carriedOver.js';
import { moveYearFile } from '../newYear/moveYearFile.js';
import { makeFoldersAtomic, pathExists } from '../output/atomicFolders.js';
import { writeDurably, writeFileAtomic } from '../output/atomicWrite.js';
import { fileError, withConsequence } from '../output/ioError.js';
import { lockYear } from '../output/yearLock.js';
import { loadProject } from '../project.js';
import { authorityJsonSchema } from '../validate/jsonSchema.js';
import { shapeOf } from '../shapes/index.js';
import { checkYearFile } from '../validate/yearFile.js';
import type { InputOptions } from './options.js';
import { reportProblems } from './report.js';

export interface NewYearOptions extends Omit<InputOptions, 'year'> {
  from?: string;
  schema: string;
}

/**
 * `letters new-year Y`: templates/Y from templates/X with the dates moved on
 * and last year's figures marked for review, data/Y with each authority and
 * recipient of X and no statistics or notes, and schema/Y.json. Never
 * overwrites: if any of the three exists, nothing is written. The folders
 * are made under temporary names and renamed into place.
 */
export async function newYearCommand(year: string, options: NewYearOptions): Promise<number> {
  // An import into the same year would interleave with the carrying over.
  const lock = await lockYear('data', join(options.data, year));
  try {
    return await startYear(year, options);
  } finally {
    await lock.release();
  }
}

async function startYear(year: string, options: NewYearOptions): Promise<number> {
  const years = await listYears(options.templates);
  const from = options.from ?? years.at(-1);
  if (from === undefined || !years.includes(from)) {
    throw new UsageError(`no template for year ${from ?? '(none)'} to start from (years with templates: ${years.join(', ') || 'none'})`);
  }
  const templatesDir = join(options.templates, year);
  const dataDir = join(options.data, year);
  const schemaFile = join(options.schema, `${year}.json`);
  const taken = [];
  for (const path of [templatesDir, dataDir, schemaFile]) if (await pathExists(path)) taken.push(path);
  if (taken.length > 0) throw new LettersError(`${year} already exists: ${taken.join(', ')} (new-year never overwrites a year; remove ${taken.length === 1 ? 'it' : 'them'} first, or choose another year)`);

  if (Number(year) <= Number(from)) throw new UsageError(`${year} is not after ${from}: a new year starts from an earlier one (give it with --from)`);

  // Last year's data must be valid: what is carried over is what its letters say.
  const project = await loadProject({ dataDir: options.data, templatesDir: options.templates, year: from });
  if (project.problems.some((problem) => problem.severity === 'error')) {
    reportProblems(project.problems);
    process.stderr.write(`error: fix the ${from} data first: nothing written\n`);
    return EXIT_FAILURE;
  }

  const yearFile = join(options.templates, from, YEAR_FILE);
  // Read once: the document's offsets are in the text as decoded (a byte-order mark dropped), so the edits are made in that text.
  const bytes = await readFile(yearFile).catch((error: NodeJS.ErrnoException) => {
    throw new LettersError(`the year file ${yearFile} cannot be read (${error.code ?? error.message})`);
  });
  const yaml = parseYamlBytes(yearFile, bytes);
  if (!yaml.document || yaml.problems.length > 0) throw new LettersError(`the year file ${yearFile} is not valid`, yaml.problems);
  const moved = moveYearFile(new TextDecoder().decode(bytes), yaml.document, from, year);
  const checked = checkYearFile(parseYamlBytes(join(templatesDir, YEAR_FILE), Buffer.from(moved)));
  if (!checked.data) throw new LettersError(`the ${year} year file made from ${yearFile} is not valid`, checked.problems);
  const schemaText = `${JSON.stringify(authorityJsonSchema(year, checked.data.data), null, 2)}\n`;
  const letters = project.letters.filter((letter) => letter.year === from);
  // A shape's own authority fields (the population) are the year's figures, to fill in like its statistics.
  const figures = Object.keys(shapeOf(checked.data.data).authorityFields);

  try {
    await makeFoldersAtomic([templatesDir, dataDir], async (temporary) => {
      await cp(join(options.templates, from), temporary.get(templatesDir)!, { recursive: true, errorOnExist: true, force: false });
      await writeDurably(join(temporary.get(templatesDir)!, YEAR_FILE), moved, join(templatesDir, YEAR_FILE));
      for (const letter of letters) await writeDurably(join(temporary.get(dataDir)!, `${letter.slug}.yaml`), carriedOverDataFile(letter.record, year, figures), join(dataDir, `${letter.slug}.yaml`));
    });
  } catch (error) {
    throw withConsequence(fileError(error, 'write', (error as NodeJS.ErrnoException).path ?? dataDir), 'nothing written');
  }
  try {
    await writeFileAtomic(schemaFile, schemaText);
  } catch (error) {
    for (const folder of [templatesDir, dataDir]) await rm(folder, { recursive: true, force: true });
    throw withConsequence(fileError(error, 'write', schemaFile), 'nothing written');
  }

  const out = process.stdout;
  out.write(`${templatesDir}: from ${join(options.templates, from)}, letter_date ${checked.data.letter_date}, period ${checked.data.period.start} to ${checked.data.period.end}\n`);
  out.write(`${dataDir}: ${letters.length} ${letters.length === 1 ? 'authority' : 'authorities'} carried over from ${join(options.data, from)}, without statistics or notes\n`);
  out.write(`${schemaFile}: written\n`);
  const naming = await linesNaming(templatesDir, from);
  if (naming.length > 0) {
    out.write(`still naming ${from}, to review:\n`);
    for (const line of naming) out.write(`  ${line}\n`);
  }
  out.write(`next: review ${join(templatesDir, YEAR_FILE)}, fill in ${dataDir} (\`letters validate --year ${year}\` lists what is missing)\n`);
  return EXIT_OK;
}

/** `file:line  text` for every line of the new year's templates that still names the year it came from ("2020", or "2019-20"). */
async function linesNaming(dir: string, from: string): Promise<string[]> {
  const span = `${Number(from) - 1}-${from.slice(2)}`;
  const naming = new RegExp(`(?<![\\d-])(${from}|${span})(?![\\d]|-\\d)`);
  const found: string[] = [];
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const file = join(dir, name);
    if (!(await lstat(file)).isFile()) continue;
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, index) => {
      if (naming.test(line) && !line.startsWith('# REVIEW:')) found.push(`${file}:${index + 1}  ${line.trim()}`);
    });
  }
  return found;
}
