import type { Year } from '../load/yearTemplates.js';
import type { KeptTexts } from './keptTexts.js';
import { makeLetter } from './makeLetter.js';
import type { LetterPool } from './pool.js';

/** Makes the letters in this thread, with the templates the project has already compiled and the texts made while checking. */
export function inThisThread(years: Map<string, Year>, texts?: KeptTexts): LetterPool {
  return {
    run: (task) => makeLetter({ ...task, text: texts?.take(task.letter.file) }, years.get(task.letter.year)!),
    destroy: async () => {},
  };
}
