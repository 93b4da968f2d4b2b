import { distance } from 'fastest-levenshtein';
import { LettersError } from '../errors.js';
import type { Letter } from '../project.js';

/**
 * Finds one authority's letter by slug, unique slug prefix, name (any case),
 * or any set of words of its name, ignoring case and punctuation ("Kings
 * Lynn", "telford wrekin"): each word of the query must begin a word of the name.
 * Several years for one authority: the latest, unless a year was asked for.
 */
export function findLetter(letters: Letter[], query: string): Letter {
  const wanted = query.trim().toLowerCase();
  const bySlug = (test: (letter: Letter) => boolean) => letters.filter(test);
  const candidates = [
    bySlug((l) => l.slug === wanted),
    bySlug((l) => l.record.authority.name.toLowerCase() === wanted),
    bySlug((l) => l.slug.startsWith(wanted)),
    bySlug((l) => l.record.authority.name.toLowerCase().startsWith(wanted)),
    bySlug((l) => l.record.authority.name.toLowerCase().includes(wanted)),
    bySlug(hasWords(nameWords(query))),
  ].find((found) => found.length > 0);
  if (!candidates) {
    const closest = [...new Set(letters.map((l) => l.slug))]
      .map((slug) => ({ slug, score: distance(wanted, slug.slice(0, Math.max(wanted.length, 1))) }))
      // Only near misses are worth suggesting: typos, not unrelated names.
      .filter((c) => c.score <= Math.max(2, Math.floor(wanted.length / 3)))
      .sort((a, b) => a.score - b.score || a.slug.localeCompare(b.slug))
      .slice(0, 3)
      .map((c) => c.slug);
    throw new LettersError(`no authority matches "${query}"${closest.length > 0 ? ` (closest: ${closest.join(', ')})` : '; `letters list` shows them all'}`);
  }
  const slugs = [...new Set(candidates.map((l) => l.slug))];
  if (slugs.length > 1) {
    throw new LettersError(`"${query}" matches ${slugs.length} authorities: ${slugs.sort().join(', ')}`);
  }
  return candidates.sort((a, b) => b.year.localeCompare(a.year))[0]!;
}

/** A name's words, lower case, without punctuation: "King's Lynn & West" → kings, lynn, west. */
function nameWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether every word asked for begins a word of the letter's name. */
function hasWords(wanted: string[]): (letter: Letter) => boolean {
  return (letter) => {
    if (wanted.length === 0) return false;
    const words = nameWords(letter.record.authority.name);
    return wanted.every((word) => words.some((own) => own.startsWith(word)));
  };
}
