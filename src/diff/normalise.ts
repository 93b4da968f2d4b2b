/**
 * The one normalisation both sides of `letters diff` go through. Published
 * text was extracted from PDFs and carries some markup from the extraction;
 * it is removed so only words are compared:
 *   **bold** → bold, [text](#) → text, <u>text</u> → text,
 *   <https://…> → https://…, a "- " (or our "• ") bullet at the start of a line → nothing,
 * then whitespace of any kind (spaces, tabs, line and page breaks) separates words.
 */
export interface Word {
  text: string;
  /** Line of the text the word stands on, counted from 1. */
  line: number;
}

const MARKUP: [RegExp, string][] = [
  [/\*\*(.+?)\*\*/g, '$1'],
  [/\[([^\]]*)\]\([^)]*\)/g, '$1'],
  [/<u>(.*?)<\/u>/g, '$1'],
  [/<(https?:\/\/[^>\s]+)>/g, '$1'],
  [/^([ \t]*)[-•] /gm, '$1'],
];

export function stripExtractionMarkup(text: string): string {
  return MARKUP.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}

export function normaliseWords(text: string): Word[] {
  const words: Word[] = [];
  stripExtractionMarkup(text)
    .split('\n')
    .forEach((line, index) => {
      for (const word of line.split(/[\s\u00a0]+/)) if (word !== '') words.push({ text: word, line: index + 1 });
    });
  return words;
}

/** Words as one string, for comparing a stretch with an expected-differences entry. */
export function joinWords(text: string): string {
  return normaliseWords(text)
    .map((word) => word.text)
    .join(' ');
}
