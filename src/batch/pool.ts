import { Piscina } from 'piscina';
import type { FormatName } from '../writers/index.js';
import type { LetterResult, LetterTask } from './task.js';

/** Worker threads that make letters: `run` one task, `destroy` when done. */
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
 * Starts the threads at once: each loads the pipeline's modules while the
 * main thread is still validating, so the first letters start without delay.
 */
export function startPool(options: PoolOptions): LetterPool {
  const workerData: WorkerStart = { formats: options.formats };
  const pool = new Piscina<LetterTask, LetterResult>({
    filename: (options.workerFile ?? new URL('./worker.js', import.meta.url)).href,
    minThreads: options.threads,
    maxThreads: options.threads,
    idleTimeout: Number.POSITIVE_INFINITY,
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
