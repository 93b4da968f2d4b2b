import { EXIT_USAGE, LettersError } from '../errors.js';

/** The one switch of the shortcuts layer (src/engine/index.ts), read here only. */
export const SWITCH = 'LETTERS_SHORTCUTS';

/**
 * `all`: every shortcut (the default). `exact`: only those that write the
 * bytes the libraries' public paths write, leaving out those that change
 * the bytes by design and keep what a reader gets (lineText.ts and
 * streamChunks.ts); the differential tests compare these bytes with the
 * public path's. `off`: none, the libraries' public paths only.
 */
export type ShortcutsMode = 'all' | 'exact' | 'off';

const MODES: Record<string, ShortcutsMode> = { '': 'all', '1': 'all', exact: 'exact', '0': 'off' };

let mode: ShortcutsMode | undefined;

/**
 * Which shortcuts are on: `LETTERS_SHORTCUTS` unset, empty or `1` for all,
 * `exact` for those that keep the bytes, `0` for none. Read once per
 * thread; worker threads inherit the environment, so a batch's threads see
 * what the command saw.
 */
export function shortcutsMode(): ShortcutsMode {
  if (mode === undefined) {
    const value = process.env[SWITCH] ?? '';
    const chosen = Object.hasOwn(MODES, value) ? MODES[value] : undefined;
    if (!chosen) {
      throw new LettersError(`${SWITCH} must be 0 (shortcuts off), 1 (on, the default) or exact (only those that keep the bytes), not "${value}"`, [], EXIT_USAGE);
    }
    mode = chosen;
  }
  return mode;
}

/** Whether any shortcut is on. */
export function shortcutsOn(): boolean {
  return shortcutsMode() !== 'off';
}
