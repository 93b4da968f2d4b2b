/** Writes a deterministic synthetic project into `dir`; returns the data files' paths relative to it. */
export function writeSyntheticSet(dir: string, options?: { count?: number; seed?: number }): string[];
