import { deserialize, serialize } from 'node:v8';
import type { LetterDocument } from '../document/types.js';
import { withImages, withoutImages } from '../document/placeImages.js';
import type { YearImages } from '../load/yearImages.js';

/** About 1,000 letters' documents: more than a year's letters, a small part of a build's memory. */
const BUDGET_BYTES = 16 * 1024 * 1024;

/**
 * The documents made while the data was checked, by data file, kept until
 * their letters are made, so a batch renders each letter once. Each is kept
 * serialized, without its year's images (every letter of a year has the
 * same ones, and whoever makes the letter has them): a fraction of its size
 * as objects, and sent to a worker thread as it is. Within a budget: beyond
 * it, a letter is rendered again when it is made (the same document), so
 * memory does not grow with the number of letters.
 */
export class KeptDocuments {
  readonly #documents = new Map<string, Uint8Array>();
  #bytes = 0;

  constructor(readonly budget = BUDGET_BYTES) {}

  keep(file: string, document: LetterDocument): void {
    const bytes = serialize(withoutImages(document));
    if (this.#bytes + bytes.byteLength > this.budget) return;
    this.#documents.set(file, bytes);
    this.#bytes += bytes.byteLength;
  }

  /** The document made from this data file, as kept (see `keptDocument`), if it was; it is kept no longer. */
  take(file: string): Uint8Array | undefined {
    const bytes = this.#documents.get(file);
    if (bytes) {
      this.#documents.delete(file);
      this.#bytes -= bytes.byteLength;
    }
    return bytes;
  }

  /** Keeps only these files' documents (a build of one authority checks its whole year). */
  keepOnly(files: Set<string>): void {
    for (const file of [...this.#documents.keys()]) if (!files.has(file)) this.take(file);
  }

  /** Every kept document, to send to another thread. */
  entries(): [string, Uint8Array][] {
    return [...this.#documents];
  }

  static from(entries: [string, Uint8Array][]): KeptDocuments {
    const kept = new KeptDocuments(Number.POSITIVE_INFINITY);
    for (const [file, bytes] of entries) {
      kept.#documents.set(file, bytes);
      kept.#bytes += bytes.byteLength;
    }
    return kept;
  }
}

/** A kept document as it was made, with its year's images (the same images by place). */
export function keptDocument(bytes: Uint8Array, images: YearImages): LetterDocument {
  return withImages(deserialize(bytes) as LetterDocument, images);
}
