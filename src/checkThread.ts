import { parentPort, workerData } from 'node:worker_threads';
import { LettersError } from './errors.js';
import { loadProject, type ProjectOptions } from './project.js';
import type { CheckAnswer } from './batch/checkInThread.js';
import { KeptDocuments } from './batch/keptDocuments.js';

/**
 * The thread that checks a project for a build whose letters are made on
 * worker threads (checkInThread.ts). Sends back the letters, the problems,
 * each year's template files and the documents made while checking (the
 * workers print them), then ends.
 */
async function check(options: ProjectOptions): Promise<CheckAnswer> {
  try {
    const documents = new KeptDocuments();
    const project = await loadProject({ ...options, rendered: (letter, document) => documents.keep(letter.file, document) });
    const years = new Map([...project.years].map(([year, { files, averages, config }]) => [year, { files, averages, config }]));
    return { ok: true, project: { years, letters: project.letters, problems: project.problems }, documents: documents.entries() };
  } catch (error) {
    if (!(error instanceof LettersError)) throw error;
    return { ok: false, error: { message: error.message, problems: error.problems, exitCode: error.exitCode } };
  }
}

parentPort!.postMessage(await check(workerData as ProjectOptions));
