import { EXIT_OK } from '../errors.js';
import { loadProject } from '../project.js';
import type { InputOptions } from './options.js';
import { reportProblems } from './report.js';

/** `letters list`: year, slug and name of every letter, with its warnings. */
export async function listCommand(options: InputOptions): Promise<number> {
  const project = await loadProject({ dataDir: options.data, templatesDir: options.templates, year: options.year });
  for (const letter of project.letters) {
    const notes = letter.warnings.map((w) => `  (${w.message})`).join('');
    process.stdout.write(`${letter.year}  ${letter.slug}  ${letter.record.authority.name}${notes}\n`);
  }
  reportProblems(project.problems);
  return EXIT_OK;
}
