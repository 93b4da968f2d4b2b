import { inlineText, type LetterDocument, type Section } from './document/types.js';
import type { Problem } from './errors.js';
import { LettersError } from './errors.js';
import { buildLetterModel, type LetterModel } from './compute/letterModel.js';
import type { Year } from './load/yearTemplates.js';
import { MarkupError, parseMarkup } from './markup/parse.js';
import { placeImages } from './document/placeImages.js';
import { escapeStrings } from './template/escape.js';
import type { Letter } from './project.js';

export interface RenderedLetter {
  document: LetterDocument;
  warnings: Problem[];
}

/**
 * Data + year → model → markup → document tree. Throws a LettersError naming
 * the file. `parse` is the markup parser: the caching one, or
 * `parseMarkupWhole` for a document made without it (bench/naive.mjs).
 */
export function renderLetter(letter: Pick<Letter, 'file' | 'record'>, year: Year, parse: (markup: string) => Section[] = parseMarkup): RenderedLetter {
  const { model, markup, warnings } = letterMarkup(letter, year);
  let sections;
  try {
    sections = placeImages(parse(markup), year.images);
  } catch (error) {
    if (!(error instanceof MarkupError)) throw error;
    throw new LettersError(error.message, [{ severity: 'error', file: year.files.find((f) => f.endsWith('letter.md.hbs')), message: `letter markup: ${error.message}` }]);
  }
  const name = letter.record.authority.name;
  const heading = sections.flatMap((section) => section.blocks).find((block) => block.type === 'heading' && block.depth === 1);
  const title = heading && heading.type === 'heading' ? inlineText(heading.children) : `${year.year}`;
  const { signatory } = year.config;
  return {
    warnings,
    document: {
      meta: {
        // Words come from the template (its first heading) and the data, never from here.
        title: `${title} – ${name}`,
        author: `${signatory.name}, ${signatory.roles[0]}`,
        subject: `${title}: ${name}, ${model.year.period_start} to ${model.year.period_end}`,
        language: 'en-GB',
        date: year.config.letter_date,
      },
      sections,
    },
  };
}

/** Data + year → model → the letter's markup (the year's template filled in). */
export function letterMarkup(letter: Pick<Letter, 'file' | 'record'>, year: Year): { model: LetterModel; markup: string; warnings: Problem[] } {
  const { model, warnings } = buildLetterModel(letter.record, year.config, letter.file, year.averages);
  return { model, markup: year.render(escapeStrings(model)), warnings };
}
