import { basename } from 'node:path';
import { LettersError, type Problem } from '../errors.js';
import type { Year } from '../load/yearTemplates.js';
import { writeFileAtomic } from '../output/atomicWrite.js';
import { withConsequence } from '../output/ioError.js';
import type { Letter } from '../project.js';
import { markDraft } from '../document/draft.js';
import { renderLetter } from '../render.js';
import { WRITERS } from '../writers/index.js';
import { hashBytes } from './inputHash.js';
import { keptDocument } from './keptDocuments.js';
import { outputPath } from './outputPath.js';
import { pdfPageCount } from './pdfPages.js';
import type { LetterResult, LetterTask, WrittenFile } from './task.js';

/**
 * Makes one letter: renders it (unless its document came with the task),
 * makes every format asked for, and writes each file atomically. The same
 * in a worker thread and in the main thread.
 */
export async function makeLetter(task: LetterTask, year: Year): Promise<LetterResult> {
  const { letter, formats, outDir, draft } = task;
  try {
    const rendered = task.document ? keptDocument(task.document, year.images) : renderLetter(letter, year).document;
    const document = draft ? markDraft(rendered) : rendered;
    // Every format is made before any is written, so a letter that fails
    // (say, a glyph missing from the PDF font) leaves none of its files changed.
    const made = [];
    for (const format of formats) {
      const writer = WRITERS[format];
      const data = await writer.write(document);
      made.push({ file: outputPath(outDir, letter, writer.extension), bytes: typeof data === 'string' ? Buffer.from(data, 'utf8') : data, format });
    }
    const files: WrittenFile[] = [];
    for (const { file, bytes, format } of made) {
      await writeFileAtomic(file, bytes).catch((error) => {
        const written = files.map((kept) => kept.name);
        throw withConsequence(error, written.length === 0 ? "this letter's files are as they were" : `${written.join(', ')} written, its other files as they were`);
      });
      files.push(describe(basename(file), bytes, format === 'pdf'));
    }
    return { ok: true, files };
  } catch (error) {
    if (!(error instanceof LettersError)) throw error;
    return { ok: false, problems: letterFailure(letter, error) };
  }
}

function describe(name: string, bytes: Uint8Array, isPdf: boolean): WrittenFile {
  const sha256 = hashBytes(bytes);
  const pages = isPdf ? pdfPageCount(bytes) : undefined;
  return pages === undefined ? { name, sha256, bytes: bytes.byteLength } : { name, sha256, bytes: bytes.byteLength, pages };
}

/** The error's own problems with the letter named, or one problem on the data file. */
function letterFailure(letter: Letter, error: LettersError): Problem[] {
  if (error.problems.length > 0) return error.problems.map((p) => ({ ...p, message: `${p.message} (while making ${letter.file})` }));
  return [{ severity: 'error', file: letter.file, message: error.message }];
}
