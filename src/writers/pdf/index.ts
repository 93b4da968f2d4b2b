import type { LetterDocument } from '../../document/types.js';
import { createPdfPrinter, type PdfPrinter } from './printer.js';

export { createPdfPrinter, type PdfPrinter } from './printer.js';

export interface WritePdfOptions {
  /** A printer to use instead of the thread's own. */
  printer?: PdfPrinter;
}

let printer: Promise<PdfPrinter> | undefined;

/** The thread's printer, made on first use (pdfmake loaded, fonts read and parsed). */
export function threadPrinter(): Promise<PdfPrinter> {
  printer ??= createPdfPrinter();
  return printer;
}

/**
 * The PDF writer: LetterDocument → PDF bytes. Import this module lazily
 * (`await import('./writers/pdf/index.js')`): it is the only way in to
 * pdfmake, and text-only commands should not pay for loading it.
 */
export async function writePdf(document: LetterDocument, options: WritePdfOptions = {}): Promise<Buffer> {
  return (options.printer ?? (await threadPrinter())).print(document);
}
