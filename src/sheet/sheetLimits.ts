import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { LettersError, UsageError } from '../errors.js';

/**
 * How much of a spreadsheet import reads. A year's sheet is a few hundred
 * rows of a few dozen columns; these bounds are far above that and far
 * below what would exhaust memory, so a hostile or broken file is refused
 * before it is parsed, not read until the process runs out.
 */
export const SHEET_LIMITS = {
  /** Bytes of the file itself. */
  fileBytes: 20 * 1024 * 1024,
  /** Bytes of an .xlsx file's parts once decompressed, all together. */
  unzippedBytes: 25 * 1024 * 1024,
  /** Parts in an .xlsx file. */
  zipEntries: 1000,
  rows: 10_000,
  columns: 200,
  /** Characters in one cell. */
  cellLength: 2_000,
} as const;

/** Why a file could not be opened, in words. */
const OPEN_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'a link that leads round in a loop',
  ENAMETOOLONG: 'the name is too long',
  ENOTDIR: 'a part of its path is not a folder',
  EMFILE: 'too many files open',
};

/** "20 MB" */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/**
 * The bytes of a spreadsheet file, which must be a regular file within the
 * size limit. Opened without blocking and checked on the open descriptor:
 * a FIFO would otherwise wait for a writer, and a device such as /dev/zero
 * never ends.
 */
export async function readSheetFile(file: string): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${file} cannot be read (${OPEN_ERRORS[error.code ?? ''] ?? error.code ?? 'the system refused to open it'})`);
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UsageError(`${file} is not a regular file (${kindOf(stats)}): a spreadsheet is read from a file`);
    if (stats.size > SHEET_LIMITS.fileBytes) throw new LettersError(`${file} is ${megabytes(stats.size)}, more than a spreadsheet may be (${megabytes(SHEET_LIMITS.fileBytes)})`);
    // Read no more than the limit, even should the file grow while being read.
    const buffer = Buffer.alloc(Math.min(stats.size, SHEET_LIMITS.fileBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) throw new LettersError(`${file} grew while it was read: import it again once it is written`);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}
