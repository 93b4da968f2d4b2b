/**
 * Characters a terminal or editor would act on or hide: controls (an escape
 * sequence, a carriage return that overwrites the line), line and paragraph
 * separators, and invisible formatting (zero-width spaces, direction
 * overrides, a stray byte-order mark). Kept as ranges, not \p{…} classes:
 * the same pattern goes into the JSON Schemas, whose readers may not use the
 * `u` flag.
 */
export const INVISIBLE_RANGES = '\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb';

const INVISIBLE = new RegExp(`[${INVISIBLE_RANGES}]`, 'g');

const SHORT: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * `text` with every invisible character written as an escape (`\t`,
 * `\u200b`), so a message shows what is really in the file and cannot
 * disturb the terminal it is printed on.
 */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (char) => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
