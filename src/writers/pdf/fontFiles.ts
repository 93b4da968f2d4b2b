import { createRequire } from 'node:module';

/**
 * The letter font: Roboto (SIL Open Font License 1.1) as TrueType files from
 * the npm package @expo-google-fonts/roboto, so `npm ci` installs it and no
 * font is copied into this repository. That package has a true Bold (700);
 * the Roboto inside pdfmake has only Medium (500), which does not read as
 * the bold heading of the published letters.
 */

export const FACES = ['normal', 'bold', 'italics', 'bolditalics'] as const;
export type FaceName = (typeof FACES)[number];

const FILES: Record<FaceName, string> = {
  normal: '@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf',
  bold: '@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf',
  italics: '@expo-google-fonts/roboto/400Regular_Italic/Roboto_400Regular_Italic.ttf',
  bolditalics: '@expo-google-fonts/roboto/700Bold_Italic/Roboto_700Bold_Italic.ttf',
};

const require = createRequire(import.meta.url);

export function fontFile(face: FaceName): string {
  return require.resolve(FILES[face]);
}

/** The font files every PDF embeds: part of each letter's input hash (other fonts, other bytes). */
export function fontFiles(): string[] {
  return FACES.map(fontFile);
}
