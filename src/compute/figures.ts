/**
 * Every derived number and grammatical choice of a letter, as small pure
 * functions. Templates call them through helpers; the letter model uses them
 * for the statistics. Nothing else in the project does arithmetic on figures.
 */

/**
 * Whole percent of `part` in `whole`, rounded half up (12.5 → 13), or null
 * when `whole` is 0 (no rate can be given). Integer arithmetic, so no float
 * error decides a rounding: floor((200·part + whole) / (2·whole)).
 */
export function percent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.floor((200 * part + whole) / (2 * whole));
}

/** 2018: uphold rate is upheld ÷ all detailed investigations (upheld + not upheld). */
export function upholdRate2018(upheld: number, notUpheld: number): number | null {
  return percent(upheld, upheld + notUpheld);
}

/** Sum of a table row's counts (2018 totals are computed, never typed in). */
export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/**
 * How a letter addresses its recipient, in the salutation and the address:
 * title and surname ("Mr Harden") when there is a title, a forename kept
 * beside it unprinted; forename and surname ("Margaret Carney") without one.
 * Validation requires a title or a forename, so a name is never a bare surname.
 */
export function addressedAs(recipient: { title?: string; forename?: string; surname: string }): string {
  const first = recipient.title ?? recipient.forename;
  return first === undefined ? recipient.surname : `${first} ${recipient.surname}`;
}

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Counts in running text: words from zero to ten, figures above ("three courses", "12 courses"). */
export function numberWord(n: number): string {
  return WORDS[n] ?? formatNumber(n);
}

/** 1400 → "1,400". */
export function formatNumber(n: number): string {
  // Whole numbers are grouped by hand: Intl's first use costs more than rendering a letter.
  if (Number.isSafeInteger(n)) return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
  return n.toLocaleString('en-GB');
}

/** `singular` for exactly one, otherwise `pluralForm` (default: singular + "s"). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return n === 1 ? singular : pluralForm;
}

/**
 * "a" or "an" before a phrase, by its first letter's vowel: "an online course",
 * "a children's course". (Words like "hour" or "university" would need a list;
 * none occurs in the letters.)
 */
export function indefiniteArticle(phrase: string): 'a' | 'an' {
  const first = /[a-z0-9]/i.exec(phrase)?.[0] ?? '';
  return /[aeiou8]/i.test(first) ? 'an' : 'a';
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** ISO date → "22 July 2020" (no leading zero, as the letters write it). */
export function longDate(iso: string): string {
  const [year, month, day] = splitDate(iso);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** ISO date → "31/03/2018" (the 2018 report header). */
export function shortDate(iso: string): string {
  const [year, month, day] = splitDate(iso);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

function splitDate(iso: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
