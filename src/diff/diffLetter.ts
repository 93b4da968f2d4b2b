import { readFile } from 'node:fs/promises';
import type { LetterDocument, SectionName } from '../document/types.js';
import { writeSection } from '../writers/text.js';
import { compareWords, type Hunk, type RenderedWord } from './compare.js';
import { explainLostText, readExpectedDifferences, repairPublished, type ExpectedDifference } from './expected.js';
import { normaliseWords } from './normalise.js';
import type { ReferenceLetter } from './referenceLetters.js';

export interface LetterDiff {
  reference: ReferenceLetter;
  differences: Hunk[];
  staleExpectations: ExpectedDifference[];
  /** How many listed extraction differences were found and allowed for. */
  explained: number;
}

/** The rendered words of each section, in order, each tagged with its section. */
export function renderedWords(document: LetterDocument): RenderedWord[] {
  return sectionWords(document.sections.map((section) => ({ name: section.name, text: writeSection(section) })));
}

/** The text of one section of a letter, as the text writer writes it. */
export interface SectionText {
  name: SectionName;
  text: string;
}

/** The words of each section's text, in order, each tagged with its section. */
export function sectionWords(sections: SectionText[]): RenderedWord[] {
  return sections.flatMap((section) => normaliseWords(section.text).map((word) => ({ ...word, section: section.name })));
}

export async function diffLetter(reference: ReferenceLetter, document: LetterDocument): Promise<LetterDiff> {
  const expected = await readExpectedDifferences(reference.expectedFile);
  const { words, used } = repairPublished(normaliseWords(await readFile(reference.file, 'utf8')), expected);
  const differences = explainLostText(compareWords(words, renderedWords(document)), expected, used);
  return { reference, differences, staleExpectations: expected.filter((entry) => !used.has(entry)), explained: used.size };
}

/** `file:line  section  [-published-]{+rendered+}`, as git diff --word-diff shows it. */
export function formatHunk(file: string, hunk: Hunk): string {
  const removed = hunk.published.length > 0 ? `[-${hunk.published.map((w) => w.text).join(' ')}-]` : '';
  const added = hunk.rendered.length > 0 ? `{+${hunk.rendered.map((w) => w.text).join(' ')}+}` : '';
  return `${file}:${hunk.line}  ${hunk.section}  ${removed}${added}`;
}
