/**
 * A map of at most `limit` entries: a value read or set becomes the most
 * recently used, and the least recently used goes when room is needed. For
 * what is worth keeping across letters (word layouts, parsed text) while most
 * of it recurs in every letter and memory must not grow with their number.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      // A Map keeps insertion order: re-inserting moves the entry to the end.
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.limit) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, value);
  }

  get size(): number {
    return this.#entries.size;
  }
}
