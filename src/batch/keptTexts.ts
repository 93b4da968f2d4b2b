/**
 * Text letters made while the data was checked, kept until they are
 * written, so a build in this thread renders each letter once. Within a
 * budget: beyond it, a letter is made again when it is written (the same
 * bytes), so memory does not grow with the number of letters.
 */
export class KeptTexts {
  readonly #texts = new Map<string, Buffer>();
  #bytes = 0;

  /** About 2,500 letters' worth: more than a year's run, a small part of a build's memory. */
  constructor(readonly budget = 16 * 1024 * 1024) {}

  keep(file: string, text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    if (this.#bytes + bytes.length > this.budget) return;
    this.#texts.set(file, bytes);
    this.#bytes += bytes.length;
  }

  /** The text made from this data file, if kept; it is kept no longer. */
  take(file: string): Buffer | undefined {
    const bytes = this.#texts.get(file);
    if (bytes) {
      this.#texts.delete(file);
      this.#bytes -= bytes.length;
    }
    return bytes;
  }
}
