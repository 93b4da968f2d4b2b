import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LettersError } from '../errors.js';

/**
 * `mkdir -p` one level at a time. Node's own `mkdir(…, { recursive: true })`
 * never returns for some impossible paths (under /proc, where mkdir answers
 * "no such file" even once the parent exists), so the output folders are
 * made here, before any letter is started, and a folder that cannot be made
 * stops the run with a message instead of hanging it.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const code = await tryMkdir(dir);
  if (code === undefined) return;
  if (code !== 'ENOENT' || dirname(dir) === dir) throw cannotMake(dir, code);
  await makeDirectory(dirname(dir));
  // Once: the parent now exists, so a second "no such file" will not go away.
  const again = await tryMkdir(dir);
  if (again !== undefined) throw cannotMake(dir, again);
}

/** undefined when the folder exists afterwards, else the error code. */
async function tryMkdir(dir: string): Promise<string | undefined> {
  try {
    await mkdir(dir);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'EEXIST' && (await stat(dir)).isDirectory()) return undefined;
    return code;
  }
}

function cannotMake(dir: string, code: string): LettersError {
  return new LettersError(`cannot make the output folder ${dir} (${code})`);
}
