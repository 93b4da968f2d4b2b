import type { Problem } from './errors.js';
import { LettersError } from './errors.js';
import { findDataFiles, type DataFile } from './load/dataFiles.js';
import { listYears, loadYear, type Year } from './load/yearTemplates.js';
import { readYamlFile } from './load/yamlFile.js';
import type { AuthorityRecord } from './validate/schema.js';
import { validateAuthority } from './validate/validateAuthority.js';

/** A data file that passed validation, ready to render. */
export interface Letter extends DataFile {
  record: AuthorityRecord;
}

export interface Project {
  years: Map<string, Year>;
  letters: Letter[];
  /** Every error found, in every file: empty when all is well. */
  problems: Problem[];
}

export interface ProjectOptions {
  dataDir: string;
  templatesDir: string;
  /** Only these years (all when absent). */
  year?: string;
}

/**
 * Loads the years' templates and every data file, validating all of them.
 * Never stops at the first problem: the caller gets every letter that is
 * good and every problem in the others.
 */
export async function loadProject(options: ProjectOptions): Promise<Project> {
  const available = await listYears(options.templatesDir);
  if (options.year !== undefined && !available.includes(options.year)) {
    throw new LettersError(`no template for year ${options.year} (years with templates: ${available.join(', ')})`);
  }
  const found = await findDataFiles(options.dataDir);
  const problems: Problem[] = [...found.problems];
  const wanted = found.files.filter((file) => options.year === undefined || file.year === options.year);

  const years = new Map<string, Year>();
  for (const year of new Set(wanted.map((file) => file.year))) {
    if (!available.includes(year)) continue;
    try {
      years.set(year, await loadYear(options.templatesDir, year));
    } catch (error) {
      if (!(error instanceof LettersError)) throw error;
      problems.push(...(error.problems.length > 0 ? error.problems : [{ severity: 'error' as const, message: error.message }]));
    }
  }

  const letters: Letter[] = [];
  const names = new Map<string, string>();
  const results = await Promise.all(wanted.map(async (file) => ({ file, yaml: await readYamlFile(file.file) })));
  for (const { file, yaml } of results) {
    const year = years.get(file.year);
    if (!year) {
      if (!available.includes(file.year)) {
        problems.push({ severity: 'error', file: file.file, message: `no template for year ${file.year} (years with templates: ${available.join(', ')})` });
      }
      continue;
    }
    const checked = validateAuthority(yaml, year.config);
    problems.push(...checked.problems);
    if (!checked.record) continue;
    const key = `${file.year}/${checked.record.authority.name.toLowerCase()}`;
    const other = names.get(key);
    if (other) {
      problems.push({ severity: 'error', file: file.file, line: 1, column: 1, field: 'authority.name', message: `${checked.record.authority.name} already has a ${file.year} letter in ${other}` });
      continue;
    }
    names.set(key, file.file);
    letters.push({ ...file, record: checked.record });
  }
  return { years, letters, problems };
}
