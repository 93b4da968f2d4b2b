/**
 * Every derived number and grammatical choice of a letter, as small pure
 * functions. Templates call them through helpers; the letter model uses them
 * for the statistics. Nothing else in the project does arithmetic on figures.
 */

/**
 * How a rate is given: `part ÷ whole × multiplier`, rounded half up to
 * `decimals` places. A whole percent is ×100 to 0 places; upheld decisions
 * per 100,000 residents are ×100,000 to one place, worked as tenths (×1,000,000).
 */
export interface Scale {
  name: 'percent' | 'per-100000';
  /** part ÷ whole × multiplier is the rate in its last decimal place's units (tenths for one place). */
  multiplier: number;
  decimals: number;
  /** Written after the figure in a table: "75%", "5.5". */
  suffix: string;
}

export const PERCENT: Scale = { name: 'percent', multiplier: 100, decimals: 0, suffix: '%' };
export const PER_100000: Scale = { name: 'per-100000', multiplier: 1_000_000, decimals: 1, suffix: '' };
export const SCALES: Readonly<Record<Scale['name'], Scale>> = { percent: PERCENT, 'per-100000': PER_100000 };

/**
 * `part ÷ whole` on `scale`, rounded half up on its last decimal place, or
 * null when `whole` is 0 (no rate can be given). Integer arithmetic, so no
 * float error decides a rounding: floor((2·multiplier·part + whole) / (2·whole)) units.
 */
export function scaledRate(part: number, whole: number, scale: Scale): number | null {
  if (whole === 0) return null;
  const units = Math.floor((2 * scale.multiplier * part + whole) / (2 * whole));
  return scale.decimals === 0 ? units : units / 10 ** scale.decimals;
}

/** Whole percent of `part` in `whole`, rounded half up (12.5 → 13), or null when `whole` is 0. */
export function percent(part: number, whole: number): number | null {
  return scaledRate(part, whole, PERCENT);
}

/**
 * Upheld decisions per 100,000 residents, to one decimal place rounded half
 * up like the percentages (0.05 → 0.1), or null without residents to divide by.
 */
export function per100000(upheld: number, population: number): number | null {
  return scaledRate(upheld, population, PER_100000);
}

/** A rate as the letter writes it: always its decimal places, so 4 per 100,000 reads "4.0". */
export function formatRate(rate: number, scale: Scale): string {
  return rate.toFixed(scale.decimals);
}

/** 2018: uphold rate is upheld ÷ all detailed investigations (upheld + not upheld). */
export function upholdRate2018(upheld: number, notUpheld: number): number | null {
  return percent(upheld, upheld + notUpheld);
}

/** Sum of a table row's counts (2018 totals are computed, never typed in). */
export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
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
