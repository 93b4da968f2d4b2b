import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { injectedWriteFailure } from './faultPoints.js';
import { fileError } from './ioError.js';

/**
 * Writes a file so that no reader ever sees half of it and a power cut
 * leaves the old file or the new one, never an empty one: the bytes go to a
 * temporary file in the same folder, are flushed to the disk, the file is
 * renamed over the target (atomic within one file system), and the folder
 * is flushed so the rename itself is on the disk (as git and SQLite do).
 * A failure is a LettersError naming the file and the operation; the
 * target is then as it was.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true }).catch((error) => {
    throw fileError(error, 'make the folder of', file);
  });
  const temporary = temporaryName(file);
  try {
    await writeDurably(temporary, data, file);
    await renameDurably(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** `<file>.<pid>.<random>.tmp`: the pid lets a later run remove what a killed one left (batch/temporaryFiles.ts). */
export function temporaryName(file: string): string {
  return `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}

/** Writes `path` and flushes it to the disk; errors name `shownAs`, the file the user knows. */
export async function writeDurably(path: string, data: string | Uint8Array, shownAs = path): Promise<void> {
  try {
    const injected = injectedWriteFailure(shownAs);
    if (injected) throw injected;
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileError(error, 'write', shownAs);
  }
}

/** Renames `from` over `to`, then flushes their folder. */
export async function renameDurably(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    throw fileError(error, 'rename into place', to);
  }
  await syncFolder(dirname(to));
}

/** Flushes a folder's entries (new names, renames) to the disk. */
export async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some file systems (and Windows) cannot open or flush a folder: the rename stands.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw fileError(error, 'flush the folder', dir);
  } finally {
    await handle?.close();
  }
}
