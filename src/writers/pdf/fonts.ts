import { readFile } from 'node:fs/promises';
import { LettersError } from '../../errors.js';
import { drawableCheck } from '../../validate/drawable.js';
import { FACES, fontFile, type FaceName } from './fontFiles.js';
import { shareFace, type SharedFace } from './sharedFace.js';
import { FONT_FAMILY } from './styles.js';

export { fontFiles, type FaceName } from './fontFiles.js';

export interface LetterFonts {
  family: string;
  /** Each face, read and parsed once per thread. */
  faces: Record<FaceName, SharedFace>;
  /** The first character no face can draw, if any (every face must draw it: any run may be bold). */
  missingCharacter(text: string): string | undefined;
}

let loading: Promise<LetterFonts> | undefined;

/** Reads and parses the faces once; every printer of the thread shares them. */
export function loadFonts(): Promise<LetterFonts> {
  loading ??= readFonts();
  return loading;
}

async function readFonts(): Promise<LetterFonts> {
  const entries = await Promise.all(FACES.map(async (face) => [face, shareFace(`${FONT_FAMILY} ${face}`, await readFile(fontFile(face)))] as const));
  const faces = Object.fromEntries(entries) as Record<FaceName, SharedFace>;
  return { family: FONT_FAMILY, faces, missingCharacter: drawableCheck(FACES.map((face) => faces[face].font)) };
}

/** "U+2603" */
function codePointLabel(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Throws when the font cannot draw a character of the text, naming the
 * character, its code point and where it occurs; a PDF must never show a
 * blank box where a letter should be. The caller adds which letter it was.
 */
export function assertDrawable(texts: Iterable<string>, fonts: LetterFonts): void {
  for (const text of texts) {
    const character = fonts.missingCharacter(text);
    if (character === undefined) continue;
    throw new LettersError(
      `cannot draw "${character}" (${codePointLabel(character)}) in "${excerpt(text, text.indexOf(character))}": the PDF font ${fonts.family} has no glyph for it`,
    );
  }
}

/** Up to 30 characters either side, so the message points into a long paragraph. */
function excerpt(text: string, at: number): string {
  const start = Math.max(0, at - 30);
  const end = Math.min(text.length, at + 30);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}
