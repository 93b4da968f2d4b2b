import type { Readable } from 'node:stream';
import { LettersError } from '../errors.js';
import { megabytes, SHEET_LIMITS } from './sheetLimits.js';

/**
 * Checks an .xlsx file's zip archive before anything decompresses it: the
 * number of parts and their uncompressed sizes, as its central directory
 * states them, must be within the limits, so a zip bomb (a small file of
 * parts that inflate to gigabytes) is refused at once. Each part is then
 * inflated and thrown away, stopping at its stated size, which proves the
 * sizes true: the workbook reader trusts them, and a lying archive would
 * otherwise still inflate without bound.
 */
export async function checkZipParts(file: string, bytes: Buffer): Promise<void> {
  const yauzl = await import('yauzl');
  const damaged = (): never => {
    throw new LettersError(`${file}  is not a readable .xlsx workbook: its zip archive is damaged`);
  };
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true }).catch(() => {
    throw new LettersError(`${file}  is not an .xlsx workbook: it is not a zip archive (an .xlsx file is one; was it saved in another format?)`);
  });
  try {
    if (zip.entryCount > SHEET_LIMITS.zipEntries) throw new LettersError(`${file}  has ${zip.entryCount} parts, more than an .xlsx workbook may have (${SHEET_LIMITS.zipEntries})`);
    const entries: import('yauzl').Entry[] = [];
    let total = 0;
    for (;;) {
      const entry = await nextEntry(zip).catch(damaged);
      if (!entry) break;
      total += entry.uncompressedSize;
      if (total > SHEET_LIMITS.unzippedBytes) {
        throw new LettersError(`${file}  would take more than ${megabytes(SHEET_LIMITS.unzippedBytes)} once decompressed, more than an .xlsx workbook may: refused without decompressing it`);
      }
      entries.push(entry);
    }
    for (const entry of entries) await drain(await zip.openReadStreamPromise(entry).catch(damaged)).catch(damaged);
  } finally {
    zip.close();
  }
}

function nextEntry(zip: import('yauzl').ZipFile): Promise<import('yauzl').Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: import('yauzl').Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function drain(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('data', () => {});
    stream.on('end', resolve);
    stream.on('error', reject);
  });
}
