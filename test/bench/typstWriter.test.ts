import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createTypstPrinter } from '../../bench/typstWriter.mjs';
import type { Inline, LetterDocument } from '../../src/document/types.js';
import { loadProject } from '../../src/project.js';
import { renderLetter } from '../../src/render.js';
import { writeSection, writeText } from '../../src/writers/text.js';
import { letterWith, withoutImages } from '../pdf/documents.js';
import { pdfWordsOf, readPdf, wordsOf, type ReadPdf } from '../pdf/readPdf.js';

// The benchmark's peer makes the same letters as ours: the words, pages and links a reader gets from its PDFs.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 300_000 });

const ROOT = resolve(import.meta.dirname, '../..');
const project = await loadProject({ dataDir: join(ROOT, 'data'), templatesDir: join(ROOT, 'templates') });
const letters = project.letters.map((letter) => ({
  name: `${letter.year}/${letter.slug}`,
  document: renderLetter(letter, project.years.get(letter.year)!).document,
}));

const printer = createTypstPrinter();
const printed = new Map<string, { bytes: Buffer; pdf: ReadPdf }>();
beforeAll(async () => {
  for (const { name, document } of letters) {
    const bytes = printer.print(document);
    printed.set(name, { bytes, pdf: await readPdf(bytes) });
  }
});

/** Every link's address, in the order the letter has them. */
function linkUrls(document: LetterDocument): string[] {
  const urls: string[] = [];
  const walk = (nodes: Inline[]): void => {
    for (const node of nodes) {
      if (node.type === 'link') urls.push(node.url);
      if ('children' in node) walk(node.children);
    }
  };
  const blocks = (list: LetterDocument['sections'][number]['blocks']): void => {
    for (const block of list) {
      if (block.type === 'paragraph' || block.type === 'heading') walk(block.children);
      else if (block.type === 'list') block.items.forEach(walk);
      else if (block.type === 'table') block.rows.flat().forEach((cell) => walk(cell.children));
      else if (block.type === 'group') blocks(block.children);
      else if (block.type === 'columns') block.columns.forEach(blocks);
    }
  };
  document.sections.forEach((section) => blocks(section.blocks));
  return urls;
}

describe.each(letters)('Typst peer: $name', ({ name, document }) => {
  const get = () => printed.get(name)!;

  it('says in words exactly what the text writer says, but for the letterhead’s, which its image shows', () => {
    expect(pdfWordsOf(get().pdf.pages.join('\n'))).toEqual(wordsOf(writeText(withoutImages(document))));
  });

  it('starts every section on a new page, the statistics on a page of their own', () => {
    const { pages } = get().pdf;
    let page = 0;
    for (const section of withoutImages(document).sections) {
      const expected = wordsOf(writeSection(section));
      const start = page;
      const got: string[] = [];
      while (got.length < expected.length && page < pages.length) got.push(...pdfWordsOf(pages[page++]!));
      expect(got, `${section.name} section, pages ${start + 1}–${page}`).toEqual(expected);
      if (section.name === 'statistics') expect(page - start).toBe(1);
    }
    expect(page).toBe(pages.length);
  });

  it('links to the letter’s addresses, and to nothing else', () => {
    expect(get().pdf.links.flat()).toEqual(linkUrls(document));
  });

  it('is a tagged PDF with the letter’s title, in Roboto embedded', () => {
    const { bytes, pdf } = get();
    const text = bytes.toString('latin1');
    expect(pdf.info.Title).toBe(document.meta.title);
    expect(text).toContain('/StructTreeRoot');
    expect(text).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect([...new Set([...text.matchAll(/\/FontName \/[A-Z]{6}\+(\S+)/g)].map(([, font]) => font))].sort()).toEqual(['Roboto-Bold', 'Roboto-Regular']);
  });
});

describe('Typst peer: the words are passed as strings', () => {
  it('draws Typst markup characters in a name as they are', async () => {
    const name = 'Council of #let [x] = *y* _z_ $1 \\ "q" <a> @b';
    const pdf = await readPdf(printer.print(letterWith(name, 'https://www.lgo.org.uk/')));
    expect(pdf.pages.join('\n')).toContain(name);
    expect(pdf.links).toEqual([['https://www.lgo.org.uk/']]);
  });
});
