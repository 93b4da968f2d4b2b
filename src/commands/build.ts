import { availableParallelism } from 'node:os';
import { resolve, sep } from 'node:path';
import { EXIT_FAILURE, EXIT_OK, UsageError, blockingProblems, formatProblem, reviewWarnings, type Problem } from '../errors.js';
import { watchInterrupts } from '../batch/interrupts.js';
import { startPool, type LetterPool } from '../batch/pool.js';
import { checkInThread } from '../batch/checkInThread.js';
import { KeptDocuments } from '../batch/keptDocuments.js';
import { createProgress, progressStyle } from '../batch/progress.js';
import { runBatch } from '../batch/runBatch.js';
import { summaryJson, summaryLine, type BuildSummary } from '../batch/summary.js';
import { findDataFiles, type DataFile } from '../load/dataFiles.js';
import type { CheckedProject, ProjectOptions } from '../project.js';
import { checkOutDir } from '../output/checkOutDir.js';
import { FORMAT_NAMES, type FormatName } from '../writers/index.js';
import { findLetter } from './findLetter.js';
import type { InputOptions } from './options.js';
import { reportProblems, reportWarnings } from './report.js';

export interface BuildOptions extends InputOptions {
  out: string;
  format: string;
  authority?: string;
  keepGoing?: boolean;
  /** Worker threads (default: one per core). */
  jobs?: number;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
  /** Build a year still marked for review, the letters marked as drafts. */
  draft?: boolean;
  /** Keep the letters whose data file is gone (a whole year's build removes them). */
  keepRemoved?: boolean;
}

/**
 * `letters build`: validate everything first; with any problem, list them all
 * and write nothing (unless --keep-going). Then make every letter whose
 * inputs changed since its files were made (PDFs on worker threads); one
 * letter failing never stops the others. Ends with one summary line (or JSON).
 */
export async function buildCommand(options: BuildOptions): Promise<number> {
  const started = performance.now();
  const formats = parseFormats(options.format);
  const jobs = options.jobs ?? availableParallelism();
  await checkOutDir(options.out);

  const found = await findDataFiles(options.data);
  const dataFiles = found.files.filter((file) => options.year === undefined || file.year === options.year);
  const threads = Math.max(1, Math.min(jobs, options.authority === undefined ? dataFiles.length : 1));
  // Starting a thread (its modules) costs about what making three hundred
  // text letters does; it pays for PDFs, some forty times dearer, and only
  // for more than one letter. Otherwise letters are made in this thread.
  const threaded = threads > 1 && formats.includes('pdf');
  const workers = threaded ? startPool({ threads, formats }) : undefined;
  try {
    const check = { dataDir: options.data, templatesDir: options.templates, year: options.year, found };
    // With threads, the checking is done on a thread of its own, and the
    // modules it needs are never loaded into this one (checkInThread.ts).
    // Either way the documents made while checking are the ones printed.
    const { project, pool, documents } = workers ? { ...(await checkInThread(check)), pool: workers } : await checkHere(check);
    const letters = options.authority === undefined ? project.letters : [findLetter(project.letters, options.authority)];
    documents.keepOnly(new Set(letters.map((letter) => letter.file)));
    const blocking = blockingProblems(project.problems, options.draft === true);
    if (blocking.length > 0) {
      reportProblems(blocking);
      if (!options.keepGoing) {
        process.stderr.write('nothing written (use --keep-going to write the valid letters)\n');
        return EXIT_FAILURE;
      }
    }
    const progress = await createProgress(progressStyle({ quiet: options.quiet || letters.length === 0, terminal: process.stderr.isTTY === true }));
    const interrupts = watchInterrupts(() => {
      if (!options.quiet) process.stderr.write('\nstopping: finishing the letters in progress (Ctrl-C again to stop at once)\n');
    });
    let result;
    try {
      result = await runBatch({
        letters,
        years: project.years,
        templatesDir: options.templates,
        outDir: options.out,
        formats,
        force: options.force === true,
        draft: options.draft === true,
        // Only a whole year's build knows which letters the year has: one narrowed to an authority removes nothing.
        present: options.authority === undefined && !options.keepRemoved ? presentSlugs(dataFiles, project.years.keys()) : undefined,
        pool,
        documents,
        // Enough to keep every thread busy; in this thread, enough that files are written while the next letters are made.
        inFlight: threaded ? threads * 2 : 8,
        progress,
        signal: interrupts.signal,
      });
    } finally {
      interrupts.dispose();
    }
    // A draft build shows the review marks it accepted among the warnings, and counts them.
    const warnings = [...(options.draft ? reviewWarnings(project.problems) : []), ...result.warnings];
    if (!options.quiet) reportWarnings(warnings);
    for (const failure of result.failures) process.stderr.write(`${formatProblem(failure)}\n`);
    const invalid = invalidDataFiles(project.problems, options.data);
    const summary: BuildSummary = {
      letters: letters.length + invalid,
      written: result.written,
      skipped: result.skipped,
      failed: result.failed,
      invalid,
      notStarted: result.notStarted,
      warnings: warnings.length,
      seconds: Math.round(performance.now() - started) / 1000,
      stopped: interrupts.signal.aborted,
      out: options.out,
      formats,
      removed: result.removed,
      errors: [...blocking.filter((p) => p.severity === 'error'), ...result.failures],
    };
    if (!options.json && !options.quiet) for (const letter of result.removed) process.stdout.write(`removed ${letter}: its data file is gone\n`);
    if (options.json) process.stdout.write(summaryJson(summary));
    else if (!options.quiet) process.stdout.write(`${summaryLine(summary)}\n`);
    if (interrupts.exitCode !== undefined) return interrupts.exitCode;
    return summary.errors.length > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    await workers?.destroy();
  }
}

/** Checks the project in this thread and makes the letters here too, from the documents made while checking. */
async function checkHere(check: Omit<ProjectOptions, 'rendered'>): Promise<{ project: CheckedProject; pool: LetterPool; documents: KeptDocuments }> {
  const [{ loadProject }, { inThisThread }] = await Promise.all([import('../project.js'), import('../batch/thisThread.js')]);
  const documents = new KeptDocuments();
  const project = await loadProject({ ...check, rendered: (letter, document) => documents.keep(letter.file, document) });
  return { project, pool: inThisThread(project.years), documents };
}

/** `all`, one format, or several joined by commas (`text,pdf`), in the registry's order. */
export function parseFormats(format: string): FormatName[] {
  if (format === 'all') return FORMAT_NAMES;
  const wanted = format.split(',');
  const unknown = wanted.find((name) => !(FORMAT_NAMES as string[]).includes(name));
  if (unknown !== undefined) throw new UsageError(`--format must be one of: ${[...FORMAT_NAMES, 'all'].join(', ')}, or several joined by commas (got "${format}")`);
  return FORMAT_NAMES.filter((name) => wanted.includes(name));
}

/** Each built year's data files by slug, valid or not: a letter whose file is there is never removed. */
function presentSlugs(files: DataFile[], years: Iterable<string>): Map<string, Set<string>> {
  const present = new Map<string, Set<string>>();
  for (const year of years) present.set(year, new Set(files.filter((file) => file.year === year).map((file) => file.slug)));
  return present;
}

/** Data files with an error, counted once each (only --keep-going gets this far with any). */
function invalidDataFiles(problems: Problem[], dataDir: string): number {
  const root = resolve(dataDir) + sep;
  return new Set(problems.filter((p) => p.severity === 'error' && p.file && resolve(p.file).startsWith(root)).map((p) => p.file)).size;
}
