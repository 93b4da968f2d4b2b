import { AUTHORITY_TYPES, type AuthorityType } from '../validate/schema.js';

/**
 * The words a spreadsheet uses for a kind of authority, each as compared
 * (lower case, single spaces, "&" as "and", brackets dropped: "Metropolitan
 * Borough (Council)"), with our own names too.
 */
const WORDS: Record<string, AuthorityType> = {
  'county council': 'county',
  county: 'county',
  'district council': 'district',
  district: 'district',
  'metropolitan borough': 'metropolitan-borough',
  'metropolitan borough council': 'metropolitan-borough',
  'metropolitan district': 'metropolitan-borough',
  'metropolitan district council': 'metropolitan-borough',
  'non metropolitan district': 'district',
  'non metropolitan district council': 'district',
  'shire district': 'district',
  'shire county': 'county',
  'unitary authority': 'unitary',
  'unitary council': 'unitary',
  unitary: 'unitary',
  'london borough': 'london-borough',
  'london borough council': 'london-borough',
  'combined authority': 'combined-authority',
  'fire and rescue authority': 'fire-authority',
  'fire authority': 'fire-authority',
  'national park authority': 'national-park',
  'national park': 'national-park',
  other: 'other',
};
for (const type of AUTHORITY_TYPES) WORDS[type.replace(/-/g, ' ')] = type;

/** Our name for the kind of authority a cell names, or undefined when it names none. */
export function authorityType(text: string): AuthorityType | undefined {
  const words = text.toLowerCase().replace(/&/g, ' and ').replace(/[()]/g, ' ').replace(/[-\s\u00a0]+/g, ' ').trim();
  return Object.hasOwn(WORDS, words) ? WORDS[words] : undefined;
}

/** The words export writes for a type: the first a sheet reads as it. */
export function authorityTypeWords(type: string): string {
  const words = Object.keys(WORDS).find((key) => WORDS[key] === type);
  return words ? words.replace(/\b\w/g, (letter) => letter.toUpperCase()).replace(/\bAnd\b/g, 'and') : type;
}
