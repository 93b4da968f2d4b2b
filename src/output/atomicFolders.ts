import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncFolder } from './atomicWrite.js';
import { fileError } from './ioError.js';

/**
 * Makes new folders so that none is ever seen half-made: each is filled
 * under a hidden temporary name beside its target (`fill`), then all are
 * renamed into place. If filling or a rename fails, the temporary folders
 * and any already renamed are removed, so nothing is left behind. A target
 * that exists makes the rename fail: nothing is overwritten.
 */
export async function makeFoldersAtomic(targets: string[], fill: (temporary: Map<string, string>) => Promise<void>): Promise<void> {
  const temporary = new Map(targets.map((target) => [target, join(dirname(target), `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)]));
  const placed: string[] = [];
  try {
    for (const folder of temporary.values()) await mkdir(folder, { recursive: true });
    await fill(temporary);
    // What `fill` copied is flushed too, so a power cut after the renames never leaves an empty file.
    for (const folder of temporary.values()) await syncTree(folder);
    for (const [target, folder] of temporary) {
      // rename() would replace an empty folder: refuse anything already there.
      if (await pathExists(target)) throw new Error(`${target} appeared while it was being made`);
      await rename(folder, target);
      placed.push(target);
      await syncFolder(dirname(target));
    }
  } catch (error) {
    for (const folder of [...temporary.values(), ...placed]) await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Whether anything (a file, a folder, a link even to nothing) is at `path`. */
export async function pathExists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Flushes every file and folder under `dir` to the disk. */
async function syncTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(path);
    else if (entry.isFile()) {
      const handle = await open(path, 'r');
      try {
        await handle.sync();
      } catch (error) {
        throw fileError(error, 'flush', path);
      } finally {
        await handle.close();
      }
    }
  }
  await syncFolder(dir);
}
