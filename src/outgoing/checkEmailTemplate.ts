import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem, LettersError, type Problem } from '../errors.js';
import type { Year } from '../load/yearTemplates.js';
import type { Letter } from '../project.js';
import { coveringMessages, EMAIL_TEMPLATE } from './coveringMessage.js';

/**
 * Checks each year's email template (`templates/<year>/email.md.hbs`) as a
 * letter template is checked: compiled strictly (syntax, helpers, partials),
 * then rendered for each of the year's valid letters, so a field the model
 * lacks is found with its file and line before anything is sent. A year
 * without the file has nothing to check here: only `send` needs it, and says so.
 */
export async function emailTemplateProblems(years: Map<string, Year>, letters: Letter[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [name, year] of years) {
    const exists = await access(join(year.dir, EMAIL_TEMPLATE)).then(
      () => true,
      () => false,
    );
    if (!exists) continue;
    try {
      const render = await coveringMessages(year);
      for (const letter of letters.filter((entry) => entry.year === name)) {
        try {
          render(letter);
        } catch (error) {
          problems.push(...problemsOf(error));
        }
      }
    } catch (error) {
      problems.push(...problemsOf(error));
    }
  }
  // One mistake fails every letter of its year the same way: it is listed once.
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(formatProblem(problem)) && seen.add(formatProblem(problem)));
}

function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof LettersError)) throw error;
  return error.problems.length > 0 ? error.problems : [{ severity: 'error', message: error.message }];
}
