import type { Problem } from './errors.js';
import { LettersError, formatProblem } from './errors.js';
import { authorityKey, findDataFiles, type DataFile, type FoundDataFiles } from './load/dataFiles.js';
import { noTemplateMessage, yearsWithTemplates, loadYear, YEAR_FILE, type Year } from './load/yearTemplates.js';
import { join } from 'node:path';
import { locate, readYamlFile, type YamlFile } from './load/yamlFile.js';
import type { LetterDocument } from './document/types.js';
import { renderLetter } from './render.js';
import { averagesFromRecords, letterAverages } from './compute/averages.js';
import { shapeOf } from './shapes/index.js';
import type { AuthorityRecord } from './validate/schema.js';
import { validateAuthority } from './validate/validateAuthority.js';
import { reviewProblems } from './validate/yearFile.js';

/**
 * A data file that passed validation and rendered without error. The
 * document itself is not kept (thousands of them would fill memory);
 * rendering again gives the same document.
 */
export interface Letter extends DataFile {
  record: AuthorityRecord;
  warnings: Problem[];
  /** sha256 of the data file's bytes that were validated: part of the letter's input hash. */
  sha256: string;
}

/** What checking a project finds, as it can be sent between threads. */
export interface CheckedProject {
  /** Each year of the letters, with the files its letters are made from and the averages they compare with. */
  years: Map<string, YearInputs>;
  letters: Letter[];
  /** Every error found, in every file: empty when all is well. */
  problems: Problem[];
}

/** What making a year's letters needs besides its templates: the files they are made from (for input hashes) and its averages. */
export type YearInputs = Pick<Year, 'files' | 'averages' | 'config'>;

export interface Project extends CheckedProject {
  years: Map<string, Year>;
}

export interface ProjectOptions {
  dataDir: string;
  templatesDir: string;
  /** Only these years (all when absent). */
  year?: string;
  /** The data folder as already listed (build lists it first, to size its threads); listed here when absent. */
  found?: FoundDataFiles;
  /** Only the data files this accepts (all when absent): preview reads just the file it shows. */
  only?: (file: DataFile) => boolean;
  /** Loads a year's templates: the live preview gives one that keeps them compiled between saves. */
  loadYear?: (templatesDir: string, year: string) => Promise<Year>;
  /** Given each good letter's document as it is checked, for a caller that can use it rather than render it again. */
  rendered?: (letter: Letter, document: LetterDocument) => void;
}

/**
 * Loads the years' templates and every data file, validating each and
 * rendering it to its document (a template that fails for some data is
 * found here, before anything is written). Never stops at the first
 * problem: the caller gets every letter that is good and every problem in
 * the others.
 */
export async function loadProject(options: ProjectOptions): Promise<Project> {
  const available = await yearsWithTemplates(options.templatesDir, options.year);
  const found = options.found ?? (await findDataFiles(options.dataDir));
  const problems: Problem[] = [...found.problems];
  const wanted = found.files.filter((file) => (options.year === undefined || file.year === options.year) && (options.only?.(file) ?? true));

  const years = new Map<string, Year>();
  for (const year of new Set(wanted.map((file) => file.year))) {
    if (!available.includes(year)) continue;
    try {
      const loaded = await (options.loadYear ?? loadYear)(options.templatesDir, year);
      // Every file of the year counts, even when only some letters are wanted (preview reads one).
      if (loaded.config.averages === 'from-data') loaded.averages = averagesFromData(found.files.filter((file) => file.year === year), loaded);
      years.set(year, loaded);
      problems.push(...reviewProblems(join(loaded.dir, YEAR_FILE)));
    } catch (error) {
      if (!(error instanceof LettersError)) throw error;
      problems.push(...(error.problems.length > 0 ? error.problems : [{ severity: 'error' as const, message: error.message }]));
    }
  }

  const letters: Letter[] = [];
  const names = new Map<string, string>();
  for (const file of wanted) {
    const year = years.get(file.year);
    if (!year) {
      if (!available.includes(file.year)) {
        problems.push({ severity: 'error', file: file.file, line: 1, column: 1, message: noTemplateMessage(file.year, available) });
      }
      continue;
    }
    const yaml = readYamlFile(file.file);
    const checked = checkLetter(file, yaml, year);
    problems.push(...checked.problems);
    if (!checked.letter) continue;
    const key = `${file.year}/${authorityKey(checked.letter.record.authority.name)}`;
    const other = names.get(key);
    if (other) {
      const message = `${checked.letter.record.authority.name} already has a ${file.year} letter in ${other}`;
      problems.push({ severity: 'error', file: file.file, ...locate(yaml, ['authority', 'name']), field: 'authority.name', message });
      continue;
    }
    names.set(key, file.file);
    letters.push(checked.letter);
    options.rendered?.(checked.letter, checked.document!);
  }
  return { years, letters, problems: distinct(problems) };
}

/** Validates one parsed data file and renders its letter: the letter and its document, or every problem found. */
export function checkLetter(file: DataFile, yaml: YamlFile, year: Year): { letter?: Letter; document?: LetterDocument; problems: Problem[] } {
  const checked = validateAuthority(yaml, year.config);
  if (!checked.record) return { problems: checked.problems };
  try {
    const { document, warnings } = renderLetter({ file: file.file, record: checked.record }, year);
    // The model knows fields, not lines: place each warning on its field (or the nearest part that is there).
    const placed = warnings.map((warning) => (warning.field && warning.line === undefined ? { ...warning, ...locate(yaml, warning.field.split('.')) } : warning));
    return { letter: { ...file, record: checked.record, warnings: placed, sha256: yaml.sha256! }, document, problems: [] };
  } catch (error) {
    if (!(error instanceof LettersError)) throw error;
    return { problems: error.problems.length > 0 ? error.problems : [{ severity: 'error', file: file.file, message: error.message }] };
  }
}

/**
 * `averages: from-data`: the pooled averages of the year's data files that
 * pass validation (a file that does not is reported when its letter is checked).
 */
function averagesFromData(files: DataFile[], year: Year) {
  const records = files.flatMap((file) => validateAuthority(readYamlFile(file.file), year.config).record ?? []);
  const shape = shapeOf(year.config.data);
  return letterAverages(averagesFromRecords(records, shape), shape);
}

/** A template mistake fails every letter of its year the same way: report it once. */
function distinct(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = formatProblem(problem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
