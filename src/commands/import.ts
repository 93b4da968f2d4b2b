import { EXIT_FAILURE, EXIT_OK, formatProblem } from '../errors.js';
import { join } from 'node:path';
import { watchInterrupts } from '../batch/interrupts.js';
import { openDataYear } from '../output/dataYear.js';
import { replaceAll } from '../output/replaceAll.js';
import { planImport, type FilePlan } from '../sheet/planImport.js';
import { readSheet } from '../sheet/readSheet.js';
import type { InputOptions } from './options.js';

export interface ImportOptions extends InputOptions {
  year: string;
  sheet?: string;
  dryRun?: boolean;
  keepGoing?: boolean;
}

/**
 * `letters import <file> --year Y`: every row of a spreadsheet into the
 * year's data files. Every row is checked first; with any problem nothing is
 * written (unless --keep-going, which writes the good rows).
 */
export async function importCommand(file: string, options: ImportOptions): Promise<number> {
  if (options.dryRun) return importRows(file, options, undefined);
  // Ctrl-C or SIGTERM is answered at the point of no return: before it nothing has changed.
  const interrupts = watchInterrupts(() => {});
  try {
    const { lock, notes } = await openDataYear(join(options.data, options.year));
    try {
      for (const note of notes) process.stderr.write(`${note}\n`);
      return await importRows(file, options, interrupts);
    } finally {
      await lock.release();
    }
  } finally {
    interrupts.dispose();
  }
}

/** Reads, checks and (unless a dry run) writes every file of the import at once. */
async function importRows(file: string, options: ImportOptions, interrupts: ReturnType<typeof watchInterrupts> | undefined): Promise<number> {
  const sheet = await readSheet(file, options.sheet);
  const plan = await planImport(sheet, { year: options.year, dataDir: options.data, templatesDir: options.templates });
  for (const note of plan.notes) process.stderr.write(`${note}\n`);
  for (const problem of plan.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  const failed = plan.problems.length > 0;
  if (failed) process.stderr.write(`${plan.problems.length} ${plan.problems.length === 1 ? 'problem' : 'problems'}\n`);
  if (failed && !options.keepGoing) {
    process.stderr.write('nothing written (use --keep-going to import the rows without problems)\n');
    return EXIT_FAILURE;
  }
  if (options.dryRun) for (const line of dryRunLines(plan.files)) process.stdout.write(`${line}\n`);
  else {
    const changed = plan.files.filter((planned) => planned.status !== 'unchanged').map((planned) => ({ file: planned.file, data: planned.text }));
    const stopped = () => interrupts?.exitCode !== undefined;
    if (stopped() || (changed.length > 0 && (await replaceAll(join(options.data, options.year), changed, stopped)) === 'stopped')) {
      process.stderr.write(`stopped by ${interrupts!.exitCode === 130 ? 'Ctrl-C' : 'SIGTERM'} before any data file was replaced: nothing changed\n`);
      return interrupts!.exitCode!;
    }
  }

  const lacking = plan.files.filter((planned) => planned.toFill.length > 0);
  if (lacking.length > 0) {
    process.stdout.write(`${lacking.length} ${lacking.length === 1 ? 'file lacks' : 'files lack'} what the sheet does not give (\`letters validate --year ${options.year}\` lists it):\n`);
    for (const planned of lacking) process.stdout.write(`  ${planned.file}: ${[...new Set(planned.toFill.map((p) => p.field ?? p.message))].join(', ')}\n`);
  }
  const count = (status: FilePlan['status']) => plan.files.filter((planned) => planned.status === status).length;
  const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;
  const summary = `${rows(plan.read)} read: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${rows(plan.skipped)} skipped`;
  process.stdout.write(`${summary}${options.dryRun ? ' (dry run: nothing written)' : ''}\n`);
  // A signal during the renames waited for them: every file was replaced.
  return interrupts?.exitCode ?? (failed ? EXIT_FAILURE : EXIT_OK);
}

/** Per file: created, updated with each field old → new, or unchanged. */
function dryRunLines(files: FilePlan[]): string[] {
  return files.flatMap((planned) => [
    `${planned.status}  ${planned.file}`,
    ...planned.changes.map((change) => `  ${change.field}: ${shown(change.old)} → ${shown(change.new)}`),
  ]);
}

function shown(value: unknown): string {
  return value === undefined ? '(none)' : typeof value === 'string' ? JSON.stringify(value) : String(value);
}
