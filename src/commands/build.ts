import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { EXIT_FAILURE, EXIT_OK, LettersError, UsageError, formatProblem, type Problem } from '../errors.js';
import { loadProject, type Letter } from '../project.js';
import { renderLetter } from '../render.js';
import { writeFileAtomic } from '../output/atomicWrite.js';
import { FORMAT_NAMES, WRITERS, type FormatName } from '../writers/index.js';
import { findLetter } from './findLetter.js';
import type { InputOptions } from './options.js';
import { reportProblems, reportWarnings } from './report.js';

export interface BuildOptions extends InputOptions {
  out: string;
  format: string;
  authority?: string;
  keepGoing?: boolean;
}

/**
 * `letters build`: validate everything first; with any problem, list them all
 * and write nothing (unless --keep-going). Then render each letter and write
 * each format atomically; one letter failing never stops the others.
 */
export async function buildCommand(options: BuildOptions): Promise<number> {
  const formats = parseFormats(options.format);
  await checkOutDir(options.out);
  const project = await loadProject({ dataDir: options.data, templatesDir: options.templates, year: options.year });
  let letters = project.letters;
  if (options.authority !== undefined) letters = [findLetter(letters, options.authority)];
  if (project.problems.length > 0) {
    reportProblems(project.problems);
    if (!options.keepGoing) {
      process.stderr.write('nothing written (use --keep-going to write the valid letters)\n');
      return EXIT_FAILURE;
    }
  }
  const failures: Problem[] = [];
  const warnings: Problem[] = [];
  let written = 0;
  for (const letter of letters) {
    try {
      const rendered = renderLetter(letter, project.years.get(letter.year)!);
      warnings.push(...rendered.warnings);
      for (const format of formats) {
        const writer = WRITERS[format];
        await writeFileAtomic(outputPath(options.out, letter, writer.extension), await writer.write(rendered.document));
      }
      written += 1;
    } catch (error) {
      if (!(error instanceof LettersError)) throw error;
      failures.push(...letterFailure(letter, error));
    }
  }
  reportWarnings(warnings);
  for (const failure of failures) process.stderr.write(`${formatProblem(failure)}\n`);
  process.stdout.write(`${written} ${written === 1 ? 'letter' : 'letters'} written to ${options.out}${failures.length > 0 ? `; ${letters.length - written} failed` : ''}\n`);
  return failures.length > 0 || project.problems.length > 0 ? EXIT_FAILURE : EXIT_OK;
}

function letterFailure(letter: Letter, error: LettersError): Problem[] {
  if (error.problems.length > 0) return error.problems.map((p) => ({ ...p, message: `${p.message} (while making ${letter.file})` }));
  return [{ severity: 'error', file: letter.file, message: error.message }];
}

export function parseFormats(format: string): FormatName[] {
  if (format === 'all') return FORMAT_NAMES;
  if ((FORMAT_NAMES as string[]).includes(format)) return [format as FormatName];
  throw new UsageError(`--format must be one of: ${[...FORMAT_NAMES, 'all'].join(', ')} (got "${format}")`);
}

/** `out/<year>/<slug>.<ext>`; year and slug are checked by the loader, and checked again here. */
export function outputPath(outDir: string, letter: { year: string; slug: string }, extension: string): string {
  const root = resolve(outDir);
  const file = resolve(join(root, letter.year, `${letter.slug}.${extension}`));
  if (!file.startsWith(root + sep)) throw new LettersError(`refusing to write outside ${outDir}: ${file}`);
  return file;
}

async function checkOutDir(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`--out ${outDir} is a file, not a folder`);
}
