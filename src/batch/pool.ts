import { Piscina } from 'piscina';
import { WORKER_ENTRY } from '../threadFiles.js';
import type { FormatName } from '../writers/index.js';
import type { LetterResult, LetterTask } from './task.js';

/** Where letters are made: `run` one task, `destroy` when done. */
export interface LetterPool {
  run(task: LetterTask): Promise<LetterResult>;
  destroy(): Promise<void>;
}

export interface PoolOptions {
  threads: number;
  /** What the workers will write, so they can load the writers' modules while the data is validated. */
  formats: FormatName[];
  /** The worker module; the tests give one that misbehaves. */
  workerFile?: URL;
}

/** What a worker is told when it starts. */
export interface WorkerStart {
  formats: FormatName[];
}

/**
 * The threads' heaps, sized for PDFs (the only letters made on threads).
 * pdfmake lays out a whole letter before it writes a byte: objects that
 * live as long as the letter. A young generation of 16 MB is as fast as
 * larger ones now that a letter's content is small (its lines' words drawn
 * as runs, src/engine/lineText.ts), and each thread's memory is what a
 * larger one would hold in reserve. The old generation keeps what lasts
 * (modules, fonts, word layouts); capped at 128 MB, V8 collects it before it
 * grows to many times that, so a long run's memory stays nearly flat (a
 * higher cap only let memory grow, at the same speed; a lower one made every
 * letter slower).
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 };

/**
 * Starts the threads at once: each loads the pipeline's modules and fonts
 * while the data is still being checked, so the first letters start without
 * delay. A thread waiting for its first task must not block its event loop
 * (piscina's default, `atomics: 'sync'`), or that loading stops until the
 * task comes; tasks come as plain messages instead (no slower in the benchmark).
 */
export function startPool(options: PoolOptions): LetterPool {
  const workerData: WorkerStart = { formats: options.formats };
  const pool = new Piscina<LetterTask, LetterResult>({
    filename: (options.workerFile ?? WORKER_ENTRY).href,
    minThreads: options.threads,
    maxThreads: options.threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    atomics: 'disabled',
    resourceLimits: RESOURCE_LIMITS,
    workerData,
  });
  // A thread that dies takes its task down with it (that task's promise is
  // rejected and reported); the pool starts another, so the run goes on.
  pool.on('error', () => {});
  return {
    run: (task) => pool.run(task),
    destroy: () => pool.destroy(),
  };
}
