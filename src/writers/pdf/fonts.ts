import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { LettersError } from '../../errors.js';
import { shareFace, type SharedFace } from './sharedFace.js';
import { FONT_FAMILY } from './styles.js';

/**
 * The letter font: Roboto (SIL Open Font License 1.1) as TrueType files from
 * the npm package @expo-google-fonts/roboto, so `npm ci` installs it and no
 * font is copied into this repository. That package has a true Bold (700);
 * the Roboto inside pdfmake has only Medium (500), which does not read as
 * the bold heading of the published letters.
 */

const FACES = ['normal', 'bold', 'italics', 'bolditalics'] as const;
export type FaceName = (typeof FACES)[number];

const FILES: Record<FaceName, string> = {
  normal: '@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf',
  bold: '@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf',
  italics: '@expo-google-fonts/roboto/400Regular_Italic/Roboto_400Regular_Italic.ttf',
  bolditalics: '@expo-google-fonts/roboto/700Bold_Italic/Roboto_700Bold_Italic.ttf',
};

export interface LetterFonts {
  family: string;
  /** Each face, read and parsed once per thread. */
  faces: Record<FaceName, SharedFace>;
  /** The first character no face can draw, if any (every face must draw it: any run may be bold). */
  missingCharacter(text: string): string | undefined;
}

const require = createRequire(import.meta.url);

/** The font files every PDF embeds: part of each letter's input hash (other fonts, other bytes). */
export function fontFiles(): string[] {
  return FACES.map((face) => require.resolve(FILES[face]));
}

let loading: Promise<LetterFonts> | undefined;

/** Reads and parses the faces once; every printer of the thread shares them. */
export function loadFonts(): Promise<LetterFonts> {
  loading ??= readFonts();
  return loading;
}

async function readFonts(): Promise<LetterFonts> {
  const entries = await Promise.all(FACES.map(async (face) => [face, shareFace(`${FONT_FAMILY} ${face}`, await readFile(require.resolve(FILES[face])))] as const));
  const faces = Object.fromEntries(entries) as Record<FaceName, SharedFace>;
  const parsed = FACES.map((face) => faces[face].font);
  // Each letter asks again about the same few hundred characters.
  const drawable = new Set<number>();
  return {
    family: FONT_FAMILY,
    faces,
    missingCharacter(text) {
      for (const character of text) {
        const codePoint = character.codePointAt(0) ?? 0;
        if (drawable.has(codePoint) || character === '\n') continue;
        if (!parsed.every((font) => font.hasGlyphForCodePoint(codePoint))) return character;
        drawable.add(codePoint);
      }
      return undefined;
    },
  };
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
