import { rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeDirectory } from '../batch/makeDirectory.js';
import { LettersError, UsageError } from '../errors.js';

/**
 * Proves `--out` can take files before anything is validated or made: it is
 * (or can be made as) a folder, and a file can be written in it. A folder
 * made only for the test is removed again, so a refused run leaves nothing.
 */
export async function checkOutDir(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`--out ${outDir} is a file, not a folder`);
  const made = info ? undefined : await firstMissing(outDir);
  try {
    if (made) await makeDirectory(outDir);
    const probe = join(outDir, `.letters-probe-${process.pid}.tmp`);
    await writeFile(probe, '');
    await unlink(probe);
  } catch (error) {
    const why = error instanceof LettersError ? error.message.replace(/^.*\((\w+)\)$/, '$1') : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new UsageError(`--out ${outDir} cannot be written to (${explain(why)})`);
  } finally {
    if (made) await rm(made, { recursive: true, force: true }).catch(() => {});
  }
}

/** The outermost folder of `dir` that does not exist yet (what making `dir` would create first). */
async function firstMissing(dir: string): Promise<string> {
  let missing = dir;
  while (dirname(missing) !== missing && !(await stat(dirname(missing)).catch(() => undefined))) missing = dirname(missing);
  return missing;
}

function explain(code: string): string {
  switch (code) {
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'the folder cannot be made there';
    default:
      return code;
  }
}
