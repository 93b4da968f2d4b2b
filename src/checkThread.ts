import { parentPort, workerData } from 'node:worker_threads';
import { LettersError } from './errors.js';
import { loadProject, type ProjectOptions } from './project.js';
import type { CheckAnswer } from './batch/checkInThread.js';

/**
 * The thread that checks a project for a build whose letters are made on
 * worker threads (checkInThread.ts). Sends back the letters, the problems
 * and each year's template files, then ends.
 */
async function check(options: ProjectOptions): Promise<CheckAnswer> {
  try {
    const project = await loadProject(options);
    const years = new Map([...project.years].map(([year, { files, averages, config }]) => [year, { files, averages, config }]));
    return { ok: true, project: { years, letters: project.letters, problems: project.problems } };
  } catch (error) {
    if (!(error instanceof LettersError)) throw error;
    return { ok: false, error: { message: error.message, problems: error.problems, exitCode: error.exitCode } };
  }
}

parentPort!.postMessage(await check(workerData as ProjectOptions));
