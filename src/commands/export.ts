import { stat } from 'node:fs/promises';
import { EXIT_OK, UsageError } from '../errors.js';
import { writeFileAtomic } from '../output/atomicWrite.js';
import { withConsequence } from '../output/ioError.js';
import { exportYear, sheetBytes } from '../sheet/exportSheet.js';
import { sheetFormat } from '../sheet/readSheet.js';
import type { InputOptions } from './options.js';

/** `letters export --year Y [--out FILE]`: the year's data files as one spreadsheet, in the columns import reads. */
export async function exportCommand(options: InputOptions & { year: string; out?: string }): Promise<number> {
  const format = options.out === undefined ? 'csv' : sheetFormat(options.out);
  if (options.out !== undefined && (await stat(options.out).catch(() => undefined))?.isDirectory()) throw new UsageError(`--out ${options.out} is a folder: give the spreadsheet's file name`);
  const sheet = await exportYear({ year: options.year, dataDir: options.data, templatesDir: options.templates });
  const bytes = await sheetBytes(sheet, format, options.year);
  if (options.out === undefined) process.stdout.write(bytes);
  else {
    await writeFileAtomic(options.out, bytes).catch((error) => {
      throw withConsequence(error, `${options.out} is as it was`);
    });
    process.stderr.write(`${sheet.rows.length} ${sheet.rows.length === 1 ? "authority" : "authorities"} written to ${options.out}\n`);
  }
  return EXIT_OK;
}
