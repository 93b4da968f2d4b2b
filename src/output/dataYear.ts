import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathExists } from './atomicFolders.js';
import { finishInterrupted, JOURNAL_FILE } from './replaceAll.js';
import { lockYear, type YearLock } from './yearLock.js';

/**
 * A year's data folder, locked for writing, with whatever an interrupted
 * import left there finished or undone first; `notes` says which.
 */
export async function openDataYear(dir: string): Promise<{ lock: YearLock; notes: string[] }> {
  const lock = await lockYear('data', dir);
  try {
    const note = await finishInterrupted(dir);
    return { lock, notes: note === undefined ? [] : [note] };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** Finishes or undoes an interrupted import in each year folder (or the one given) before it is read. */
export async function finishInterruptedImports(dataDir: string, year?: string): Promise<string[]> {
  const years = year === undefined ? await readdir(dataDir).catch(() => [] as string[]) : [year];
  const notes: string[] = [];
  for (const name of years) {
    const dir = join(dataDir, name);
    if (!(await pathExists(join(dir, JOURNAL_FILE)))) continue;
    const { lock, notes: found } = await openDataYear(dir);
    await lock.release();
    notes.push(...found);
  }
  return notes;
}
