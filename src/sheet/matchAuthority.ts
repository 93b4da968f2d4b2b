import { distance } from 'fastest-levenshtein';
import { authorityKey } from '../load/dataFiles.js';

/** A name as compared with the names in data files (see authorityKey). */
export const nameKey = authorityKey;

/** Words every kind of council uses: two names differing only in these may well be one authority. */
const COMMON_WORDS = new Set(['council', 'borough', 'metropolitan', 'city', 'county', 'district', 'of', 'the', 'and', 'royal', 'london', 'unitary', 'authority', 'mbc', 'cc', 'dc', 'bc']);

/** The words that tell an authority from others: "knowsley" for Knowsley Council and Knowsley Metropolitan Borough Council. */
function ownWords(name: string): string {
  return nameKey(name)
    .split('-')
    .filter((word) => !COMMON_WORDS.has(word))
    .join(' ');
}

/** An authority some data file holds: where, and its name as the file has it. */
export interface KnownAuthority {
  file: string;
  name: string;
}

/**
 * The known authority a name that matches none is close to: the same own
 * words (Knowsley Council, Knowsley Metropolitan Borough Council), or own
 * words a slip of the keyboard apart (Knowsely). Undefined when none is.
 */
export function nearMatch<T extends KnownAuthority>(name: string, known: T[]): T | undefined {
  const own = ownWords(name);
  if (own.length < 3) return undefined;
  let best: { authority: T; apart: number } | undefined;
  for (const authority of known) {
    const theirs = ownWords(authority.name);
    if (theirs.length < 3) continue;
    const apart = distance(own, theirs);
    if (apart <= (Math.min(own.length, theirs.length) >= 6 ? 2 : 0) && (!best || apart < best.apart)) best = { authority, apart };
  }
  return best?.authority;
}
