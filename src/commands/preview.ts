import { basename } from 'node:path';
import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { loadProject } from '../project.js';
import { renderLetter } from '../render.js';
import { writeText } from '../writers/text.js';
import { findLetter } from './findLetter.js';
import type { InputOptions } from './options.js';
import { reportProblems, reportWarnings } from './report.js';

/** `letters preview <authority>`: one letter's text on stdout, warnings on stderr. */
export async function previewCommand(query: string, options: InputOptions): Promise<number> {
  const project = await loadProject({ dataDir: options.data, templatesDir: options.templates, year: options.year });
  // A data file with errors is not among the letters: show its problems rather than "not found".
  const wanted = query.trim().toLowerCase();
  const broken = project.problems.filter((p) => p.file && basename(p.file).startsWith(wanted));
  if (broken.length > 0) {
    reportProblems(broken);
    return EXIT_FAILURE;
  }
  const letter = findLetter(project.letters, query);
  const yearProblems = project.problems.filter((p) => p.file?.startsWith(options.templates));
  if (yearProblems.length > 0) {
    reportProblems(yearProblems);
    return EXIT_FAILURE;
  }
  const year = project.years.get(letter.year)!;
  const { document, warnings } = renderLetter(letter, year);
  reportWarnings(warnings);
  process.stdout.write(writeText(document));
  return EXIT_OK;
}
