import { workerData } from 'piscina';
import { loadYear, type Year } from '../load/yearTemplates.js';
import { WRITERS, type Writer } from '../writers/index.js';
import { makeLetter } from './makeLetter.js';
import type { WorkerStart } from './pool.js';
import type { LetterResult, LetterTask } from './task.js';

/**
 * A batch worker thread: makes one letter per task. Each thread compiles a
 * year's templates the first time it meets that year and keeps them; the
 * writers keep their set-up (the PDF fonts and printer) per thread too.
 */

// Loaded while the data is checked. A writer that cannot be
// set up fails again, and is reported with its letter, when a letter needs it.
for (const format of (workerData as WorkerStart).formats) (WRITERS[format] as Writer).prepare?.().catch(() => {});

const years = new Map<string, Promise<Year>>();

function yearOf(templatesDir: string, year: string): Promise<Year> {
  let loading = years.get(year);
  if (!loading) {
    loading = loadYear(templatesDir, year);
    years.set(year, loading);
  }
  return loading;
}

export default async function makeLetterInThread(task: LetterTask): Promise<LetterResult> {
  const year = await yearOf(task.templatesDir, task.letter.year);
  // A letter rendered here (its document not kept) has the averages the year's data gave when it was checked.
  return makeLetter(task, year.config.averages === 'from-data' ? { ...year, averages: task.averages ?? year.averages } : year);
}
