/**
 * The files the build's threads start from, found from this module's own
 * place. It sits at the top of src/, as do the two files bundled for speed
 * (cli.ts and checkThread.ts, see scripts/bundle.mjs): so these paths are
 * right both in dist/ as compiled and in the bundles, whose code all lies at
 * the top of dist/.
 */

/** The thread that checks the data of a PDF build (checkInThread.ts). */
export const CHECK_THREAD = new URL('./checkThread.js', import.meta.url);

/** Where each worker thread of the pool starts (batch/pool.ts); the worker is not bundled. */
export const WORKER_ENTRY = new URL('./batch/workerEntry.cjs', import.meta.url);
