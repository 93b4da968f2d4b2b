/**
 * The files the build's threads start from, found from this module's own
 * place. It sits at the top of src/: bundled (scripts/bundle.mjs), its code
 * goes into a file at the top of dist/, where tsc puts it too, so these paths
 * are the same either way.
 */

/** The thread that checks the data of a PDF build (checkInThread.ts). */
export const CHECK_THREAD = new URL('./checkThread.js', import.meta.url);

/** Where each worker thread of the pool starts (batch/pool.ts). */
export const WORKER_ENTRY = new URL('./batch/workerEntry.cjs', import.meta.url);
