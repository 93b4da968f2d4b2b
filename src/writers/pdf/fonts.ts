import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import { sharedFaceFor } from '../../engine/index.js';
import { LettersError } from '../../errors.js';
import { drawableCheck } from '../../validate/drawable.js';
import { FACES, fontFile, type FaceName } from './fontFiles.js';
import { FONT_FAMILY } from './styles.js';

export { fontFiles, type FaceName } from './fontFiles.js';

/** A face as the writer has it: parsed (to check what it can draw), and what pdfmake is given for it. */
export interface LetterFace {
  font: fontkit.Font;
  /** The font file's bytes, or with the shortcuts on the stand-in for the face parsed once (src/engine/sharedFace.ts). */
  source: Buffer;
}

export interface LetterFonts {
  family: string;
  /** Each face, read and parsed once per thread. */
  faces: Record<FaceName, LetterFace>;
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
  const entries = await Promise.all(FACES.map(async (face) => [face, readFace(`${FONT_FAMILY} ${face}`, await readFile(fontFile(face)))] as const));
  const faces = Object.fromEntries(entries) as Record<FaceName, LetterFace>;
  return { family: FONT_FAMILY, faces, missingCharacter: drawableCheck(FACES.map((face) => faces[face].font)) };
}

function readFace(name: string, bytes: Buffer): LetterFace {
  return sharedFaceFor(name, bytes) ?? { font: fontkit.create(bytes) as fontkit.Font, source: bytes };
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
