import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { inlineText, LIST_BULLET, type Block, type Inline, type LetterDocument } from '../../src/document/types.js';
import { loadProject } from '../../src/project.js';
import { renderLetter } from '../../src/render.js';
import { createPdfPrinter } from '../../src/writers/pdf/index.js';
import { writeText } from '../../src/writers/text.js';
import { documentDefinition } from '../../src/writers/pdf/documentDefinition.js';
import { fontFiles } from '../../src/writers/pdf/fonts.js';
import { FONT_FAMILY } from '../../src/writers/pdf/styles.js';
import { installTagging } from '../../src/writers/pdf/tagging.js';
import { letterWith, tablesAndColumns } from './documents.js';
import { readPdf, wordsOf } from './readPdf.js';
import { readTags, type Element, type TaggedPdf } from './readTags.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const ROOT = resolve(import.meta.dirname, '../..');
const project = await loadProject({ dataDir: join(ROOT, 'data'), templatesDir: join(ROOT, 'templates') });
const letters = [
  ...project.letters.map((letter) => ({ name: `${letter.year}/${letter.slug}`, document: renderLetter(letter, project.years.get(letter.year)!).document })),
  // A table long enough to run onto a second page, where pdfmake repeats its header row.
  { name: 'a table over two pages', document: longTable() },
];

const read = new Map<string, TaggedPdf>();
beforeAll(async () => {
  const printer = await createPdfPrinter();
  for (const { name, document } of letters) read.set(name, await readTags(await printer.print(document)));
});

/**
 * Words as the text writer has them. The structure tree reads a word the
 * PDF breaks after a hyphen or slash at a line end as one word (its
 * /ActualText), so it is held to these.
 */
const words = (text: string) => wordsOf(text).join(' ');

/**
 * The structure the document model calls for, one line per element,
 * indented by depth: its role and, for an element that holds words, its
 * words. Written from the model's blocks in the order the text writer
 * writes them, independently of the PDF writer.
 */
function expectedOutline(document: LetterDocument): string[] {
  const lines: string[] = ['Document'];
  const add = (depth: number, role: string, inlines?: Inline[]) => {
    lines.push(`${'  '.repeat(depth)}${role}${inlines ? `: ${words(inlineText(inlines))}` : ''}`);
    if (inlines) links(depth + 1, inlines);
  };
  const links = (depth: number, inlines: Inline[]): void => {
    for (const node of inlines) {
      if (node.type === 'link') add(depth, 'Link', node.children);
      else if (node.type === 'strong' || node.type === 'emphasis') links(depth, node.children);
    }
  };
  const block = (depth: number, node: Block): void => {
    switch (node.type) {
      case 'paragraph':
        return add(depth, 'P', node.children);
      case 'heading':
        return add(depth, `H${node.depth}`, node.children);
      case 'list':
        add(depth, 'L');
        for (const item of node.items) {
          add(depth + 1, 'LI');
          add(depth + 2, 'Lbl', [{ type: 'text', value: LIST_BULLET }]);
          add(depth + 2, 'LBody', item);
        }
        return;
      case 'table':
        add(depth, 'Table');
        node.rows.forEach((row, index) => {
          add(depth + 1, 'TR');
          for (const cell of row) add(depth + 2, index < node.headerRows ? 'TH' : 'TD', cell.children);
        });
        return;
      case 'group':
        return node.children.forEach((child) => block(depth, child));
      case 'columns':
        return node.columns.flat().forEach((child) => block(depth, child));
      case 'signature':
        return;
      case 'image':
        // Read as its alt, in place of the blocks it stands for.
        lines.push(`${'  '.repeat(depth)}Figure: ${words(node.image.alt)}`);
        return;
    }
  };
  for (const section of document.sections.filter((section) => section.blocks.length > 0)) {
    add(1, 'Sect');
    for (const node of section.blocks) block(2, node);
  }
  return lines;
}

const HOLDS_WORDS = new Set(['P', 'H1', 'H2', 'H3', 'Lbl', 'LBody', 'TH', 'TD', 'Link']);

function outline(element: Element, depth = 0): string[] {
  const said = element.role === 'Figure' ? `: ${words(element.alt ?? '')}` : HOLDS_WORDS.has(element.role) ? `: ${words(element.text)}` : '';
  const line = `${'  '.repeat(depth)}${element.role}${said}`;
  return [line, ...element.children.flatMap((child) => outline(child, depth + 1))];
}

function* elements(element: Element): Generator<Element> {
  yield element;
  for (const child of element.children) yield* elements(child);
}

describe.each(letters)('$name', ({ name, document }) => {
  const get = () => read.get(name)!;

  it('has a structure tree whose roles and words, in order, are the document model’s blocks', () => {
    expect(get().roots).toHaveLength(1);
    expect(outline(get().roots[0]!)).toEqual(expectedOutline(document));
  });

  it('shows no text outside marked content that a structure element owns, or an artifact', () => {
    expect(get().unmarked).toEqual(get().pages.map(() => []));
  });

  it('files every piece of marked content under its element in the parent tree', () => {
    expect(get().misfiled).toEqual([]);
  });

  it('gives every header cell a column scope, and a merged cell its span', () => {
    const cells = [...elements(get().roots[0]!)].filter((element) => element.role === 'TH' || element.role === 'TD');
    const model = document.sections.flatMap((section) => section.blocks).flatMap(function tables(block: Block): Extract<Block, { type: 'table' }>[] {
      if (block.type === 'table') return [block];
      if (block.type === 'group') return block.children.flatMap(tables);
      if (block.type === 'columns') return block.columns.flat().flatMap(tables);
      return [];
    });
    expect(cells.map((cell) => [cell.role, cell.attributes.Scope, cell.attributes.ColSpan])).toEqual(
      model.flatMap((table) =>
        table.rows.flatMap((row, index) => row.map((cell) => [index < table.headerRows ? 'TH' : 'TD', index < table.headerRows ? '/Column' : undefined, cell.colSpan > 1 ? cell.colSpan : undefined])),
      ),
    );
  });

  it('attaches every link annotation to a Link element, on its own page, with a description', () => {
    const { links, roots } = get();
    const owned = new Map([...elements(roots[0]!)].filter((element) => element.role === 'Link').flatMap((element) => element.annotations.map((annotation) => [annotation.object, annotation.page] as const)));
    for (const link of links) {
      expect(link.owner, link.url).toBe('Link');
      expect(owned.get(link.object), link.url).toBe(link.page);
      expect(link.contents, link.url).toMatch(/\S/);
    }
    expect(owned.size).toBe(links.length);
  });

  it('says it is tagged, in which language, with its title shown and declared PDF/UA-1 in its metadata, tabbing in structure order', () => {
    const { catalog, markInfo, xmp, pages } = get();
    expect(markInfo).toMatchObject({ Marked: true });
    expect(catalog.Lang).toBe('en-GB');
    expect(catalog.ViewerPreferences).toBeDefined();
    expect(xmp).toMatchObject({ 'pdfuaid:part': '1', 'dc:title': document.meta.title });
    expect(pages.map((page) => page.Tabs)).toEqual(pages.map(() => '/S'));
  });
});

/** What a screen reader reads, in order: each element's words, a figure's alt in its place. */
function said(element: Element): string[] {
  if (element.role === 'Figure') return wordsOf(element.alt ?? '');
  if (![...elements(element)].some((inner) => inner.role === 'Figure')) return wordsOf(element.text);
  return element.children.flatMap(said);
}

describe.each(letters.filter(({ name }) => /^\d{4}\//.test(name)))('$name, read aloud', ({ name, document }) => {
  it('says the text letter’s words, the letterhead’s once, as the Figure’s /Alt', () => {
    const { roots } = read.get(name)!;
    expect(said(roots[0]!)).toEqual(wordsOf(writeText(document)));
    const figures = [...elements(roots[0]!)].filter((element) => element.role === 'Figure');
    expect(figures.map((figure) => figure.alt)).toEqual(['Local Government & Social Care OMBUDSMAN']);
  });
});

describe('a web address broken across two lines', () => {
  it('reads as one word: the 2018 letter’s interpreting-local-authority-statistics address', async () => {
    const name = '2018/sefton-metropolitan-borough-council';
    const address = 'http://www.lgo.org.uk/information-centre/reports/annual-review-reports/interpreting-local-authority-statistics';
    const { roots, actualTexts } = read.get(name)!;
    const link = [...elements(roots[0]!)].find((element) => element.role === 'Link' && element.text.includes('interpreting'))!;
    expect(wordsOf(link.text)).toEqual([address]);
    expect([...actualTexts.values()]).toEqual([address]);
    // The page shows it on two lines, the break after "authority-".
    const { pages } = await readPdf(await (await createPdfPrinter()).print(letters.find((letter) => letter.name === name)!.document));
    expect(pages.join('')).toContain('/interpreting-local-authority-\nstatistics\n');
  });
});

describe('the Sefton 2018 tables', () => {
  it('reads the first header row, then the second, then the figures', () => {
    const sefton = read.get('2018/sefton-metropolitan-borough-council')!;
    const rows = [...elements(sefton.roots[0]!)].filter((element) => element.role === 'TR').map((row) => row.children.map((cell) => words(cell.text)));
    expect(rows).toContainEqual(['Decisions made', 'Detailed Investigations']);
    const second = rows.findIndex((row) => row[0] === 'Incomplete or Invalid');
    expect(rows[second - 1]).toEqual(['Decisions made', 'Detailed Investigations']);
    expect(rows[second]).toEqual(['Incomplete or Invalid', 'Advice Given', 'Referred back for Local Resolution', 'Closed After Initial Enquiries', 'Not Upheld', 'Upheld', 'Uphold Rate', 'Total']);
    expect(rows[second + 1]).toEqual(['4', '0', '24', '14', '9', '12', '57%', '63']);
  });
});

describe('a table over two pages', () => {
  it('marks the repeated header row as an artifact: its cells are read once', () => {
    const { roots, pages } = read.get('a table over two pages')!;
    expect(pages).toHaveLength(2);
    const headers = [...elements(roots[0]!)].filter((element) => element.role === 'TH').map((cell) => words(cell.text));
    expect(headers).toEqual(['Row', 'Figure']);
  });
});

describe('a paragraph left unmarked on purpose', () => {
  it('is found: its words are reported as shown outside marked content, and nothing else is', async () => {
    const document = letterWith('Knowsley Metropolitan Borough Council', 'https://www.lgo.org.uk/');
    const definition = documentDefinition(document);
    // The date paragraph's runs lose their structure element, as if the PDF writer forgot to mark it.
    const [letter] = definition.content as { stack: { text: { text: string; structure?: unknown }[] }[] }[];
    const date = letter!.stack.find((node) => node.text[0]?.text === '22 July 2020')!;
    for (const run of date.text) delete run.structure;

    // pdfmake as a first-time user would call it, with the renderer hook every PDF of the process gets.
    const pdfmake = createRequire(import.meta.url)('pdfmake');
    const [normal, bold, italics, bolditalics] = fontFiles();
    pdfmake.setFonts({ [FONT_FAMILY]: { normal, bold, italics, bolditalics } });
    pdfmake.setLocalAccessPolicy((path: string) => fontFiles().includes(path));
    installTagging();
    const tags = await readTags(await pdfmake.createPdf(definition).getBuffer());

    expect(tags.unmarked.flat().join('')).toBe('22 July 2020');
    expect(outline(tags.roots[0]!)).not.toEqual(expectedOutline(document));
  });
});

/** A one-section letter whose table takes more than a page. */
function longTable(): LetterDocument {
  const base = tablesAndColumns();
  const cell = (value: string) => ({ children: [{ type: 'text' as const, value }], colSpan: 1 });
  const rows = [[cell('Row'), cell('Figure')], ...Array.from({ length: 70 }, (_, index) => [cell(`Row ${index + 1}`), cell(String(index * 3))])];
  return { meta: base.meta, sections: [{ name: 'letter', blocks: [{ type: 'table', headerRows: 1, rows }] }] };
}
