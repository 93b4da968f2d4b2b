import { formatNumber, indefiniteArticle, numberWord, plural } from '../compute/figures.js';

/**
 * The only helpers a template may call (Handlebars runs with
 * knownHelpersOnly, so any other name fails when the template is compiled).
 * Each is a thin wrapper over `compute/figures`.
 */
export const helpers = {
  /** {{words 3}} → "three" */
  words: (n: number) => numberWord(n),
  /** {{number 1400}} → "1,400" */
  number: (n: number) => formatNumber(n),
  /** {{plural n "course"}} → course/courses; {{plural n "was" "were"}} */
  plural: (n: number, singular: string, ...rest: unknown[]) =>
    rest.length > 1 ? plural(n, singular, String(rest[0])) : plural(n, singular),
  /** {{article "online course"}} → "an" */
  article: (phrase: string) => indefiniteArticle(phrase),
  /** {{#if (eq n 1)}} */
  eq: (a: unknown, b: unknown) => a === b,
} as const;

export type HelperName = keyof typeof helpers;
