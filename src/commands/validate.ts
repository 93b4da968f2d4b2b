import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { finishInterruptedImports } from '../output/dataYear.js';
import { emailTemplateProblems } from '../outgoing/checkEmailTemplate.js';
import { loadProject } from '../project.js';
import type { InputOptions } from './options.js';
import { reportProblems } from './report.js';

/** `letters validate`: every problem in every data file and year, then a count. */
export async function validateCommand(options: InputOptions): Promise<number> {
  for (const note of await finishInterruptedImports(options.data, options.year)) process.stderr.write(`${note}\n`);
  const project = await loadProject({ dataDir: options.data, templatesDir: options.templates, year: options.year });
  const problems = [...project.problems, ...(await emailTemplateProblems(project.years, project.letters))];
  if (problems.length > 0) {
    reportProblems(problems);
    return EXIT_FAILURE;
  }
  process.stdout.write(`${project.letters.length} data files valid\n`);
  return EXIT_OK;
}
