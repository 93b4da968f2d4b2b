import { basename, join } from 'node:path';
import { EXIT_FAILURE, EXIT_OK, LettersError, UsageError, blockingProblems, reviewWarnings } from '../errors.js';
import type { LetterDocument } from '../document/types.js';
import { findDataFiles, type DataFile } from '../load/dataFiles.js';
import { writeFileAtomic } from '../output/atomicWrite.js';
import { loadProject } from '../project.js';
import { renderLetter } from '../render.js';
import { writeHtml } from '../writers/html.js';
import { writeText } from '../writers/text.js';
import { findLetter } from './findLetter.js';
import type { InputOptions } from './options.js';
import { reportProblems, reportWarnings } from './report.js';

export interface PreviewOptions extends InputOptions {
  /** Write a PDF instead of printing text: true for the default path, or a file name. */
  pdf?: string | boolean;
  /** text (the default) or html, printed on stdout; pdf is the same as --pdf. */
  format?: string;
  /** Start the live preview server (see src/serve/). */
  serve?: boolean;
  /** Where `letters publish` wrote the year's site (<out>/<year>/site), for --serve's link to it. */
  out?: string;
  port?: number;
  /** Print the text letter again on every save. */
  watch?: boolean;
}

const PREVIEW_FORMATS = ['text', 'html', 'pdf'];

/** `letters preview <authority>`: one letter's text or HTML on stdout (or a PDF with --pdf), warnings on stderr. */
export async function previewCommand(query: string, options: PreviewOptions): Promise<number> {
  if (options.port !== undefined && !options.serve) throw new UsageError('--port is for --serve');
  if (options.out !== undefined && !options.serve) throw new UsageError('--out is for --serve');
  if (options.serve || options.watch) return (await import('./previewLive.js')).previewLive(query, options);
  const format = previewFormat(options);
  const wanted = query.trim().toLowerCase();
  const found = await findDataFiles(options.data);
  const only = slugMatch(found.files, options.year, wanted);
  // Reading one file, its document is kept from the check rather than rendered again (a tenth of a cold start).
  const documents = new Map<string, LetterDocument>();
  const rendered = only && ((letter: { file: string }, document: LetterDocument) => void documents.set(letter.file, document));
  const project = await loadProject({ dataDir: options.data, templatesDir: options.templates, year: options.year, found, only, rendered });
  // A data file with errors is not among the letters: show its problems rather than "not found".
  const broken = project.problems.filter((p) => p.file && basename(p.file).startsWith(wanted));
  if (broken.length > 0) {
    reportProblems(broken);
    return EXIT_FAILURE;
  }
  // Previewing is how a year marked for review is reviewed: its marks are shown as warnings.
  const yearProblems = blockingProblems(project.problems, true).filter((p) => p.file?.startsWith(options.templates));
  if (yearProblems.length > 0) {
    reportProblems(yearProblems);
    return EXIT_FAILURE;
  }
  const letter = findLetter(project.letters, query);
  const document = documents.get(letter.file) ?? renderLetter(letter, project.years.get(letter.year)!).document;
  reportWarnings([...reviewWarnings(project.problems), ...letter.warnings]);
  if (format === 'text') {
    process.stdout.write(writeText(document));
  } else if (format === 'html') {
    process.stdout.write(writeHtml(document));
  } else {
    const file = typeof options.pdf === 'string' ? options.pdf : join('out', 'preview', `${letter.slug}.pdf`);
    await writeFileAtomic(file, await pdfBytes(document, letter.file));
    process.stdout.write(`${file}\n`);
  }
  return EXIT_OK;
}

/** What to show: --format, or pdf for --pdf; a --pdf beside another format is a contradiction. */
function previewFormat(options: PreviewOptions): string {
  const format = options.format ?? (options.pdf === undefined || options.pdf === false ? 'text' : 'pdf');
  if (!PREVIEW_FORMATS.includes(format)) throw new UsageError(`--format must be one of: ${PREVIEW_FORMATS.join(', ')} (got "${format}")`);
  if (format !== 'pdf' && options.pdf !== undefined && options.pdf !== false) throw new UsageError(`--pdf writes a PDF: it cannot be given with --format ${format}`);
  return format;
}

/**
 * When the query names files by slug (exactly, or as the prefix of one slug),
 * only those files are read: previewing one letter need not validate the
 * other 400. A name, or a prefix shared by several slugs, reads them all.
 */
export function slugMatch(files: DataFile[], year: string | undefined, wanted: string): ((file: DataFile) => boolean) | undefined {
  const slugs = new Set(files.filter((file) => year === undefined || file.year === year).map((file) => file.slug));
  if (slugs.has(wanted)) return (file) => file.slug === wanted;
  const prefixed = [...slugs].filter((slug) => slug.startsWith(wanted));
  if (prefixed.length === 1) return (file) => file.slug === prefixed[0];
  return undefined;
}

/** The PDF writer is loaded only here, so a text preview never pays for pdfmake. */
async function pdfBytes(document: LetterDocument, dataFile: string): Promise<Uint8Array> {
  const { writePdf } = await import('../writers/pdf/index.js');
  try {
    return await writePdf(document);
  } catch (error) {
    if (!(error instanceof LettersError)) throw error;
    throw new LettersError(`${dataFile} cannot be made as a PDF`, [{ severity: 'error', file: dataFile, message: error.message }]);
  }
}
