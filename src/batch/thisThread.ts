import type { Year } from '../load/yearTemplates.js';
import { makeLetter } from './makeLetter.js';
import type { LetterPool } from './pool.js';

/** Makes the letters in this thread, with the templates the project has already compiled. */
export function inThisThread(years: Map<string, Year>): LetterPool {
  return {
    run: (task) => makeLetter(task, years.get(task.letter.year)!),
    destroy: async () => {},
  };
}
