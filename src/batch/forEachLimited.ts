/**
 * Runs `action` on each item, at most `limit` at a time, in order of start.
 * Stops starting new ones once `stop()` says so, and resolves when every
 * started one has finished: nothing is left running behind the caller.
 */
export async function forEachLimited<T>(items: Iterable<T>, limit: number, action: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const lane = async (): Promise<void> => {
    for (let next = iterator.next(); !next.done && !stop(); next = iterator.next()) await action(next.value);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
}
