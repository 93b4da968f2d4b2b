import { EXIT_USAGE, LettersError } from '../errors.js';

/** The one switch of the shortcuts layer (src/engine/index.ts), read here only. */
export const SWITCH = 'LETTERS_SHORTCUTS';

let on: boolean | undefined;

/**
 * Whether the shortcuts are on: `LETTERS_SHORTCUTS` unset, empty or `1`;
 * off when it is `0`. Read once per thread; worker threads inherit the
 * environment, so a batch's threads see what the command saw.
 */
export function shortcutsOn(): boolean {
  if (on === undefined) {
    const value = process.env[SWITCH] ?? '';
    if (value !== '' && value !== '0' && value !== '1') {
      throw new LettersError(`${SWITCH} must be 0 (shortcuts off) or 1 (on, the default), not "${value}"`, [], EXIT_USAGE);
    }
    on = value !== '0';
  }
  return on;
}
