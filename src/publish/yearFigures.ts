import { buildLetterModel } from '../compute/letterModel.js';
import { LettersError } from '../errors.js';
import type { Year } from '../load/yearTemplates.js';
import type { Letter } from '../project.js';
import { authorityTypeWords } from '../sheet/authorityTypes.js';
import type { OutcomeFigures } from '../shapes/outcomes.js';
import { AUTHORITY_TYPES } from '../validate/values.js';

/**
 * What the site shows of each authority: its figures exactly as its letter
 * states them, taken from the letter model (compute/letterModel.ts), so the
 * site and the letters can never give two rates for one authority.
 */
export interface SiteAuthority {
  slug: string;
  name: string;
  type: string;
  /** The type in words, as export writes it: "Metropolitan Borough". */
  typeWords: string;
  /** The data file. */
  file: string;
  /** Null where the data file has no statistics (the letter has no statistics page). */
  figures: OutcomeFigures | null;
}

/** The shape whose figures the site knows: the three key statistics of 2020 on. */
const SITE_SHAPE = 'outcomes';

/** Every letter of the year, ordered by name as the index lists them. */
export function yearAuthorities(letters: readonly Letter[], year: Year): SiteAuthority[] {
  if (year.config.data.statistics !== SITE_SHAPE) {
    throw new LettersError(`the ${year.year} letters give their statistics as ${year.config.data.statistics}: \`letters publish\` shows years whose statistics are ${SITE_SHAPE} (2020 on)`);
  }
  return letters
    .filter((letter) => letter.year === year.year)
    .map((letter) => {
      const { model } = buildLetterModel(letter.record, year.config, letter.file, year.averages);
      return {
        slug: letter.slug,
        name: letter.record.authority.name,
        type: letter.record.authority.type,
        typeWords: authorityTypeWords(letter.record.authority.type),
        file: letter.file,
        figures: model.statistics as OutcomeFigures | null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.slug < b.slug ? -1 : 1));
}

/** The types present, in the order the schema lists them. */
export function typesPresent(authorities: readonly SiteAuthority[]): { type: string; words: string }[] {
  return AUTHORITY_TYPES.filter((type) => authorities.some((authority) => authority.type === type)).map((type) => ({ type, words: authorityTypeWords(type) }));
}

/** Whether the year gives upheld decisions per 100,000 residents for any authority. */
export function hasPerResidents(authorities: readonly SiteAuthority[]): boolean {
  return authorities.some((authority) => authority.figures?.upheld_per_100000 != null);
}
