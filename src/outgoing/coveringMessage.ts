import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LettersError } from '../errors.js';
import type { Letter } from '../project.js';
import { yearPartials, type Year } from '../load/yearTemplates.js';
import { renderLetter } from '../render.js';
import { compileLetterTemplate } from '../template/compile.js';
import { writeHtml } from '../writers/html.js';
import { writeText } from '../writers/text.js';

export const EMAIL_TEMPLATE = 'email.md.hbs';

/** The short message a letter is sent with, as the two alternatives of an email. */
export interface CoveringMessage {
  text: string;
  html: string;
}

export type RenderCovering = (letter: Letter) => CoveringMessage;

/**
 * Compiles the year's email template (`templates/<year>/email.md.hbs`, with
 * the year's partials) and renders it for a letter the way the letter
 * itself is rendered: the same letter model, strict Handlebars, markup,
 * document tree, and the text and HTML writers.
 */
export async function coveringMessages(year: Year): Promise<RenderCovering> {
  const file = join(year.dir, EMAIL_TEMPLATE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) throw new LettersError(`the year ${year.year} has no email template: write ${file} (the covering message each letter is sent with)`);
  const render = compileLetterTemplate({ file, text }, await yearPartials(dirname(year.dir), year.year));
  const emailYear: Year = { ...year, render, files: year.files.map((path) => (path.endsWith('letter.md.hbs') ? file : path)) };
  return (letter) => {
    const { document } = renderLetter(letter, emailYear);
    return { text: writeText(document), html: writeHtml(document) };
  };
}
