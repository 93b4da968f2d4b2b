import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type { Problem } from '../errors.js';
import type { YamlFile } from '../load/yamlFile.js';
import { fontFiles } from '../writers/pdf/fontFiles.js';
import { problemAt } from './schemaProblems.js';
import { INVISIBLE_RANGES, visible } from './visible.js';

/** What the check asks of a face. */
export interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/**
 * The check that decides whether a letter can be drawn: the first character
 * of a text that not every face of the letter font has (any run may be
 * bold or italic), or undefined. The PDF writer refuses a letter with such a
 * character, and validation (so import too) refuses a data file with one,
 * with this same check: a year that validates builds.
 */
export function drawableCheck(faces: GlyphSource[]): (text: string) => string | undefined {
  // Each letter asks again about the same few hundred characters.
  const drawable = new Set<number>();
  return (text) => {
    for (const character of text) {
      const codePoint = character.codePointAt(0) ?? 0;
      if (drawable.has(codePoint) || character === '\n') continue;
      if (!faces.every((face) => face.hasGlyphForCodePoint(codePoint))) return character;
      drawable.add(codePoint);
    }
    return undefined;
  };
}

let letterFont: ((text: string) => string | undefined) | undefined;

/** The check on the letter font's own files, read the first time text other than plain ASCII is checked. */
function undrawable(text: string): string | undefined {
  // Plain ASCII, which the letter font draws whole (a test holds it to that), needs no font read: most data is only that.
  if (/^[\x20-\x7e]*$/.test(text)) return undefined;
  if (!letterFont) {
    const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;
    letterFont = drawableCheck(fontFiles().map((file) => fontkit.create(readFileSync(file)) as Fontkit.Font));
  }
  return letterFont(text.replace(INVISIBLE, ''));
}

/** Invisible characters are the schema's to refuse (and the PDF writer leaves them out): not reported twice. */
const INVISIBLE = new RegExp(`[${INVISIBLE_RANGES}]`, 'g');

/** Every text of a data file holding a character the letter font cannot draw, at its place in the file. */
export function undrawableProblems(yaml: YamlFile): Problem[] {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === 'string') {
      const character = undrawable(value);
      if (character !== undefined) problems.push(problemAt(yaml, path, undrawableMessage(value, character)));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
    }
  };
  walk(yaml.value, []);
  return problems;
}

/**
 * Names the character by its code point, and where it is by the text before
 * it: an invisible one (U+3164, U+FE0F, a tag character) would show as
 * nothing, an emoji as whatever the terminal makes of it.
 */
export function undrawableMessage(text: string, character: string): string {
  const codePoint = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const before = text.slice(0, text.indexOf(character));
  const where = before.trim() === '' ? 'at the start' : `after "${visible(before.length > 30 ? `…${before.slice(-30)}` : before)}"`;
  return `holds ${codePoint} (${where}), a character the letter font cannot draw (an emoji, a symbol, an invisible or a non-Latin character): remove or replace it`;
}
