import type { LetterDocument } from '../document/types.js';

/** More than a year's letters: a batch of one year renders each letter once. */
const KEPT_LETTERS = 1000;

/**
 * The documents made while the data was checked, by data file, kept until
 * their letters are made, so a batch renders each letter once. Within a
 * budget: beyond it, a letter is rendered again when it is made (the same
 * document), so memory does not grow with the number of letters.
 */
export class KeptDocuments {
  readonly #documents = new Map<string, LetterDocument>();

  constructor(readonly budget = KEPT_LETTERS) {}

  keep(file: string, document: LetterDocument): void {
    if (this.#documents.size < this.budget) this.#documents.set(file, document);
  }

  /** The document made from this data file, if kept; it is kept no longer. */
  take(file: string): LetterDocument | undefined {
    const document = this.#documents.get(file);
    this.#documents.delete(file);
    return document;
  }

  /** Keeps only these files' documents (a build of one authority checks its whole year). */
  keepOnly(files: Set<string>): void {
    for (const file of [...this.#documents.keys()]) if (!files.has(file)) this.#documents.delete(file);
  }

  /** Every kept document, to send to another thread (one message: the year's images are copied once). */
  entries(): [string, LetterDocument][] {
    return [...this.#documents];
  }

  static from(entries: [string, LetterDocument][]): KeptDocuments {
    const kept = new KeptDocuments(Number.POSITIVE_INFINITY);
    for (const [file, document] of entries) kept.keep(file, document);
    return kept;
  }
}
