import type { LetterDocument } from '../../document/types.js';
import { createPdfPrinter, type PdfPrinter } from './printer.js';

export { createPdfPrinter, type PdfPrinter } from './printer.js';

export interface WritePdfOptions {
  /** A printer to reuse across letters (a batch makes one per worker); the default is made once per thread. */
  printer?: PdfPrinter;
}

let defaultPrinter: Promise<PdfPrinter> | undefined;

/**
 * The PDF writer: LetterDocument → PDF bytes. Import this module lazily
 * (`await import('./writers/pdf/index.js')`): it is the only way in to
 * pdfmake, and text-only commands should not pay for loading it.
 */
export async function writePdf(document: LetterDocument, options: WritePdfOptions = {}): Promise<Buffer> {
  const printer = options.printer ?? (await (defaultPrinter ??= createPdfPrinter()));
  return printer.print(document);
}
