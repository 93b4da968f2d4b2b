import type { LetterDocument } from '../document/types.js';
import { writeHtml } from './html.js';
import { writeText } from './text.js';

/** An output format: the file extension and the writer that makes its bytes. */
export interface Writer {
  extension: string;
  write(document: LetterDocument): Promise<string | Uint8Array>;
  /** Files besides the letter that shape this format's bytes (the PDF fonts): part of every letter's input hash. */
  inputFiles?(): Promise<string[]>;
  /** Loads what the writer needs before its first letter, so a worker thread can do it while the data is validated. */
  prepare?(): Promise<void>;
}

/**
 * The registry of output formats. A new format is one writer module and one
 * line here. The PDF writer is imported only when a PDF is made, so text-only
 * commands never load pdfmake; once imported, it keeps its fonts and printer
 * for every later letter of the same thread.
 */
export const WRITERS = {
  text: { extension: 'txt', write: async (document) => writeText(document) },
  pdf: {
    extension: 'pdf',
    write: async (document) => (await import('./pdf/index.js')).writePdf(document),
    inputFiles: async () => ((await import('./pdf/fonts.js')) as { fontFiles?: () => string[] }).fontFiles?.() ?? [],
    prepare: async () => {
      await (await import('./pdf/index.js')).threadPrinter();
    },
  },
  html: { extension: 'html', write: async (document) => writeHtml(document) },
} satisfies Record<string, Writer>;

export type FormatName = keyof typeof WRITERS;
export const FORMAT_NAMES = Object.keys(WRITERS) as FormatName[];
