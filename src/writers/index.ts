import type { LetterDocument } from '../document/types.js';
import { writeText } from './text.js';

/** An output format: the file extension and the writer that makes its bytes. */
export interface Writer {
  extension: string;
  write(document: LetterDocument): Promise<string | Uint8Array>;
}

/**
 * The registry of output formats. A new format is one writer module and one
 * line here. The PDF writer is imported only when a PDF is made, so text-only
 * commands never load pdfmake.
 */
export const WRITERS = {
  text: { extension: 'txt', write: async (document) => writeText(document) },
} satisfies Record<string, Writer>;

export type FormatName = keyof typeof WRITERS;
export const FORMAT_NAMES = Object.keys(WRITERS) as FormatName[];
