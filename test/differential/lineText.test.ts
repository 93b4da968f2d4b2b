import { describe, expect, it, vi } from 'vitest';
import type { Block, LetterDocument } from '../../src/document/types.js';
import { mergeRuns } from '../../src/engine/lineText.js';
import { createPdfPrinter } from '../../src/writers/pdf/index.js';
import { letterWith } from '../pdf/documents.js';
import { isDict, isRef, pdfObjects, streamContents } from '../pdf/pdfObjects.js';
import { readPdf } from '../pdf/readPdf.js';
import { readTags } from '../pdf/readTags.js';

/**
 * The line text shortcut (src/engine/lineText.ts): which of a line's words
 * become one, on lines made as pdfmake makes them, and a word broken across
 * two lines read whole in a printed PDF. The letters are compared with the
 * shortcut on and off, as a reader gets them, in shortcuts.test.ts.
 *
 * To see it fail: in src/engine/lineText.ts, let `mergeable` ignore
 * `broken` (the word broken across lines is merged with the words before
 * it, and its /ActualText says them all), or drop the font from `follows`.
 */

vi.setConfig({ testTimeout: 60_000 });

const REGULAR = { name: 'regular' };
const BOLD = { name: 'bold' };
const P = { role: 'P' };

interface Word {
  text: string;
  x: number;
  width: number;
  font: object;
  fontSize: number;
  color: string;
  height: number;
  structure: object;
  link?: string;
}

/** A line of words side by side, as pdfmake's Line.addInline places them: each word one unit wide per character. */
function line(...words: (string | Partial<Word> & { text: string })[]): { type: 'line'; item: { inlines: Word[] } } {
  let x = 0;
  const inlines = words.map((word) => {
    const given = typeof word === 'string' ? { text: word } : word;
    const inline: Word = { font: REGULAR, fontSize: 11, color: '#0b0c0c', height: 13, structure: P, x, width: given.text.length, ...given };
    x += inline.width;
    return inline;
  });
  return { type: 'line', item: { inlines } };
}

const texts = (page: { items: { item: { inlines?: { text: string }[] } }[] }) => page.items.map(({ item }) => item.inlines!.map((inline) => inline.text));

describe('the runs of a line that become one word', () => {
  it('are the words side by side with font, size, colour and structure alike, each cut after a space', () => {
    const page = { items: [line('We ', 'write ', 'to ', { text: 'Chief ', font: BOLD }, { text: 'Executive ', font: BOLD }, 'each ', 'year. ')] };
    mergeRuns(page);
    expect(texts(page)).toEqual([['We write to ', 'Chief Executive ', 'each year. ']]);
    const [first, , last] = page.items[0]!.item.inlines!;
    expect([first!.x, first!.width, last!.x, last!.width]).toEqual([0, 12, 28, 11]);
  });

  it('leave alone a word with a link, another structure element, colour or size, or not where the run ends', () => {
    const other = { role: 'Link' };
    const page = {
      items: [
        line('See ', { text: 'our ', link: 'https://www.lgo.org.uk/', structure: other }, { text: 'page ', link: 'https://www.lgo.org.uk/', structure: other }, 'for ', { text: 'more ', color: '#ff0000' }, { text: 'about ', fontSize: 12 }, 'it ', 'all. '),
        { type: 'line' as const, item: { inlines: [...line('one ', 'two ').item.inlines, { ...line('three ').item.inlines[0]!, x: 9 }] } },
      ],
    };
    mergeRuns(page);
    expect(texts(page)).toEqual([
      ['See ', 'our ', 'page ', 'for ', 'more ', 'about ', 'it all. '],
      ['one two ', 'three '],
    ]);
  });

  it('join a piece cut after a hyphen to the words before it, never to the piece after it', () => {
    const page = { items: [line('a ', 'well-', 'known ', 'fact ')] };
    mergeRuns(page);
    expect(texts(page)).toEqual([['a well-', 'known fact ']]);
  });

  it('leave the parts of a word broken across two lines apart, as the tagging marks them', () => {
    const page = { items: [line('the ', 'rules ', 'for ', 'self-'), line('employed ', 'people ', 'are ', 'these')] };
    mergeRuns(page);
    expect(texts(page)).toEqual([
      ['the rules for ', 'self-'],
      ['employed ', 'people are ', 'these'],
    ]);
  });
});

describe('a printed letter', () => {
  const word = 'counter-intuitively';
  const document = (): LetterDocument => {
    const base = letterWith('Knowsley Metropolitan Borough Council');
    const paragraph: Block = { type: 'paragraph', children: [{ type: 'text', value: Array.from({ length: 60 }, (_, index) => (index % 7 === 3 ? word : 'it')).join(' ') }] };
    return { ...base, sections: [{ name: 'letter', blocks: [...base.sections[0]!.blocks, paragraph] }] };
  };

  it('reads a word broken at a line end whole, and draws a line of words with one text operator', async () => {
    const bytes = await (await createPdfPrinter()).print(document());
    const { pages } = await readPdf(bytes);
    expect(pages.join('')).toMatch(/counter-\nintuitively/);
    const { actualTexts } = await readTags(bytes);
    expect(actualTexts.size).toBeGreaterThan(0);
    expect(new Set([...actualTexts.values()].map((text) => text.trim()))).toEqual(new Set([word]));
    // The letter's opening and sixty words: 89 text operators drawn a word at a time, a third of that by runs.
    expect(textOperators(bytes)).toBeLessThan(40);
  });
});

/** The text-showing operators in the content of a PDF's pages. */
function textOperators(bytes: Buffer): number {
  const objects = pdfObjects(bytes);
  let count = 0;
  for (const value of objects.values()) {
    if (!isDict(value) || value.Type !== '/Page' || !isRef(value.Contents)) continue;
    count += streamContents(bytes, objects, value.Contents.ref).toString('latin1').match(/\] TJ\n/g)?.length ?? 0;
  }
  return count;
}
