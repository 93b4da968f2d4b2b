import type { Problem } from '../errors.js';
import type { Letter } from '../project.js';
import type { TypeAverages } from '../validate/schema.js';
import type { FormatName } from '../writers/index.js';

/** What the main thread sends a worker: one letter to make in each format. */
export interface LetterTask {
  letter: Letter;
  templatesDir: string;
  /** The year's averages, as checked (computed from all its data for `averages: from-data`). */
  averages?: TypeAverages;
  formats: FormatName[];
  outDir: string;
  /** A draft of a year still marked for review: the PDF and HTML are marked as such. */
  draft?: boolean;
  /** The letter's document, when it was made while the data was checked, as KeptDocuments keeps it: it is not rendered again. */
  document?: Uint8Array;
}

/** One file a letter was written to, as the manifest records it. */
export interface WrittenFile {
  /** File name inside `out/<year>/`. */
  name: string;
  sha256: string;
  bytes: number;
  /** PDFs only. */
  pages?: number;
}

/**
 * A worker's answer. A letter that cannot be made (bad markup, a missing
 * glyph) is an answer too, not a thrown error, so its problems keep their
 * file, line and field on the way back to the main thread.
 */
export type LetterResult =
  | { ok: true; files: WrittenFile[] }
  | { ok: false; problems: Problem[] };
