import type { LetterDocument } from '../src/document/types.js';

/** What the compiler is asked to write: Typst's tagged PDF, checked against PDF/UA-1 as it is made. */
export const TYPST_PDF_OPTIONS: Readonly<{ pdfStandard: string; pdfTags: boolean }>;
/** One Typst compiler with the Roboto faces, reused for every letter. */
export function createTypstPrinter(): { print(document: LetterDocument): Buffer };
/** LetterDocument → the Typst markup of the whole letter. */
export function typstMarkup(document: LetterDocument): string;
