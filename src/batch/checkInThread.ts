import { Worker } from 'node:worker_threads';
import { LettersError, type Problem } from '../errors.js';
import { KeptDocuments } from './keptDocuments.js';
import type { CheckedProject, ProjectOptions } from '../project.js';
import { CHECK_THREAD } from '../threadFiles.js';

/** What the checking thread sends back: the project, or the error that stopped it. */
export type CheckAnswer =
  | { ok: true; project: CheckedProject; documents: [string, Uint8Array][] }
  | { ok: false; error: { message: string; problems: Problem[]; exitCode: number } };

/**
 * Checks a project (loadProject) on a thread of its own, for a build whose
 * letters are made on worker threads. Checking loads the YAML parser, the
 * schemas and the templates, and leaves garbage behind; in the main thread
 * all of that would stay for the whole build, while the main
 * thread only hands out letters. The checking thread's memory goes when it
 * ends. Only options that can be sent to a thread are taken. The documents
 * it made come back with the project, so no letter is rendered twice.
 */
export function checkInThread(options: Omit<ProjectOptions, 'only' | 'rendered'>): Promise<{ project: CheckedProject; documents: KeptDocuments }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CHECK_THREAD, { workerData: options });
    let answered = false;
    worker.once('message', (answer: CheckAnswer) => {
      answered = true;
      if (answer.ok) resolve({ project: answer.project, documents: KeptDocuments.from(answer.documents) });
      // The exit code says what kind of error it was (a usage error is 2).
      else reject(new LettersError(answer.error.message, answer.error.problems, answer.error.exitCode));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the thread checking the data stopped without an answer (exit code ${code})`));
    });
  });
}
