import { LettersError } from '../errors.js';

/** What the system's error codes mean, in the words a user reads. */
const MEANINGS: Record<string, string> = {
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted (is the file or its folder immutable or read-only?)',
  EROFS: 'the file system is read-only',
  EIO: 'an input/output error from the disk',
  EMFILE: 'too many files open',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'a file is in the way of a folder on its path',
};

/**
 * A failed file operation as a LettersError naming the operation, the file
 * and what the system said (`could not write out/2020/k.pdf: no space left
 * on the disk (ENOSPC)`), so a full disk is never an "internal error".
 * Anything that is not a system error is passed through unchanged.
 */
export function fileError(error: unknown, operation: string, file: string): unknown {
  if (error instanceof LettersError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  return new LettersError(`could not ${operation} ${file}: ${MEANINGS[code] ?? (error as Error).message.replace(/^[A-Z]+: /, '')} (${code})`);
}

/** A LettersError with words added after its message, keeping its problems and exit code. */
export function withConsequence(error: unknown, consequence: string): unknown {
  if (!(error instanceof LettersError)) return error;
  return new LettersError(`${error.message}; ${consequence}`, error.problems, error.exitCode);
}
