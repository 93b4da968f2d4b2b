import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, Inline, LetterDocument } from '../../src/document/types.js';
import { loadProject } from '../../src/project.js';
import { renderLetter } from '../../src/render.js';
import { htmlLetterBody, LETTER_CSS, writeHtml } from '../../src/writers/html.js';
import { WRITERS } from '../../src/writers/index.js';
import { writeSection, writeText } from '../../src/writers/text.js';
import { letterWith, tablesAndColumns } from '../pdf/documents.js';
import { wordsOf, wordsWithoutBulletsOf } from '../pdf/readPdf.js';
import { attr, byTag, elements, readHtml, textOf, type Element } from './readHtml.js';

const ROOT = resolve(import.meta.dirname, '../..');
const project = await loadProject({ dataDir: join(ROOT, 'data'), templatesDir: join(ROOT, 'templates') });
/** Every letter with data and a template: the published ones, and any added later. */
const letters = project.letters.map((letter) => {
  const document = renderLetter(letter, project.years.get(letter.year)!).document;
  return { name: `${letter.year}/${letter.slug}`, document, html: writeHtml(document) };
});

/** The addresses of every link the letter's text holds. */
function linkUrls(document: LetterDocument): string[] {
  const urls: string[] = [];
  const inline = (nodes: Inline[]) => {
    for (const node of nodes) {
      if (node.type === 'link') urls.push(node.url);
      if ('children' in node) inline(node.children);
    }
  };
  const block = (node: Block) => {
    if (node.type === 'paragraph' || node.type === 'heading') inline(node.children);
    else if (node.type === 'list') node.items.forEach(inline);
    else if (node.type === 'table') node.rows.flat().forEach((cell) => inline(cell.children));
    else if (node.type === 'group') node.children.forEach(block);
    else if (node.type === 'columns') node.columns.flat().forEach(block);
  };
  document.sections.forEach((section) => section.blocks.forEach(block));
  return urls;
}

describe.each(letters)('$name', ({ document, html }) => {
  const { document: page, errors } = readHtml(html);
  const main = byTag(page, 'main');

  it('is HTML a browser parses without a single error', () => {
    expect(errors).toEqual([]);
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
  });

  it('says in words exactly what the text writer says', () => {
    expect(main).toHaveLength(1);
    expect(wordsOf(textOf(main[0]!))).toEqual(wordsWithoutBulletsOf(writeText(document)));
  });

  it('has one <section> per section of the letter, each with that section\'s words', () => {
    const sections = byTag(main[0]!, 'section');
    const expected = document.sections.filter((section) => section.blocks.length > 0);
    expect(sections.map((section) => attr(section, 'class'))).toEqual(expected.map((section) => `section-${section.name}`));
    sections.forEach((section, index) => expect(wordsOf(textOf(section)), expected[index]!.name).toEqual(wordsWithoutBulletsOf(writeSection(expected[index]!))));
  });

  it('declares its language, character set and title, and keeps everything in <main>', () => {
    const [root] = byTag(page, 'html');
    expect(attr(root!, 'lang')).toBe('en-GB');
    expect(byTag(page, 'meta').map((meta) => attr(meta, 'charset')).filter(Boolean)).toEqual(['utf-8']);
    expect(byTag(page, 'title').map((title) => textOf(title))).toEqual([document.meta.title]);
    const [body] = byTag(page, 'body');
    expect(body!.childNodes.filter((node) => 'tagName' in node).map((node) => node.nodeName)).toEqual(['main']);
    expect(byTag(page, 'meta').find((meta) => attr(meta, 'name') === 'date')?.attrs).toContainEqual({ name: 'content', value: document.meta.date });
  });

  it('has the letter title as its one <h1>, and section headings as <h2>', () => {
    const headings = (tag: string) => byTag(main[0]!, tag).map((element) => textOf(element));
    const depth = (n: number) =>
      document.sections.flatMap((section) => section.blocks.filter((block) => block.type === 'heading' && block.depth === n).map((block) => writeSection({ name: section.name, blocks: [block] })));
    expect(headings('h1')).toEqual(depth(1));
    expect(headings('h1')).toHaveLength(1);
    expect(headings('h1')[0]).toMatch(/^Annual Review letter 20/);
    expect(headings('h2')).toEqual(depth(2));
  });

  it('gives every table header cell a scope', () => {
    for (const th of byTag(page, 'th')) expect(['col', 'row'], textOf(th)).toContain(attr(th, 'scope'));
    for (const th of byTag(page, 'thead').flatMap((thead) => byTag(thead, 'th'))) expect(attr(th, 'scope')).toBe('col');
  });

  it('has no script, no event handler, and nothing fetched from elsewhere; links go only where the letter says', () => {
    expect(byTag(page, 'script')).toEqual([]);
    const all = elements(page);
    // An image carries its bytes (a data: URI), as the year's images do.
    const fetches = (element: Element, a: { name: string; value: string }) => a.name.startsWith('on') || a.name === 'srcset' || (a.name === 'src' && !(element.tagName === 'img' && a.value.startsWith('data:')));
    expect(all.flatMap((element) => element.attrs.filter((a) => fetches(element, a)).map((a) => `${element.tagName} ${a.name}`))).toEqual([]);
    expect(byTag(page, 'link')).toEqual([]);
    expect(all.filter((element) => attr(element, 'href') !== undefined).map((element) => element.tagName)).toEqual(byTag(page, 'a').map(() => 'a'));
    expect(byTag(page, 'a').map((a) => attr(a, 'href'))).toEqual(linkUrls(document));
    const css = byTag(page, 'style').map((style) => textOf(style)).join('');
    expect(css).not.toMatch(/url\(|@import/);
  });

  it('is the same bytes every time', () => {
    expect(writeHtml(document)).toBe(html);
  });
});

describe('the HTML letter', () => {
  it('links every web address of the 2018 tables page', () => {
    const sefton = letters.find(({ name }) => name.startsWith('2018/'))!;
    const links = byTag(readHtml(sefton.html).document, 'a').map((a) => [attr(a, 'href'), textOf(a)]);
    expect(links).toContainEqual([
      'http://www.lgo.org.uk/information-centre/reports/annual-review-reports/interpreting-local-authority-statistics',
      'http://www.lgo.org.uk/information-centre/reports/annual-review-reports/interpreting-local-authority-statistics',
    ]);
  });

  it('writes header rows as <thead> with merged cells spanning their columns, and labelled values with row headers', () => {
    const { document } = readHtml(writeHtml(tablesAndColumns()));
    const tables = byTag(document, 'table');
    const rows = (table: (typeof tables)[number]) =>
      byTag(table, 'tr').map((tr) => tr.childNodes.filter((cell) => 'tagName' in cell).map((cell) => `${cell.nodeName}${attr(cell as never, 'scope') ? `[${attr(cell as never, 'scope')}]` : ''}${attr(cell as never, 'colspan') ? `*${attr(cell as never, 'colspan')}` : ''} ${textOf(cell as never)}`));
    expect(rows(tables[1]!)).toEqual([
      ['th[col]*4 Decisions made', 'th[col]*4 Detailed Investigations'],
      ['Incomplete or Invalid', 'Advice Given', 'Referred back for Local Resolution', 'Closed After Initial Enquiries', 'Not Upheld', 'Upheld', 'Uphold Rate', 'Total'].map((h) => `th[col] ${h}`),
      ['4', '0', '24', '14', '9', '12', '57%', '63'].map((n) => `td ${n}`),
    ]);
    expect(byTag(tables[1]!, 'thead').flatMap((thead) => byTag(thead, 'tr'))).toHaveLength(2);
    expect(attr(tables[0]!, 'class')).toBe('wide');

    const sefton = letters.find(({ name }) => name.startsWith('2018/'))!;
    const labelled = byTag(readHtml(sefton.html).document, 'table')[0]!;
    expect(rows(labelled)).toEqual([
      ['th[row] Local Authority Report:', 'td Sefton Metropolitan Borough Council'],
      ['th[row] For the Period Ending:', 'td 31/03/2018'],
    ]);
  });

  it('lays columns side by side with CSS, and keeps the block styles as classes', () => {
    const { document } = readHtml(writeHtml(tablesAndColumns()));
    const [columns] = elements(document).filter((element) => attr(element, 'class') === 'columns');
    expect(columns!.childNodes.filter((node) => 'tagName' in node).map((node) => attr(node as never, 'class'))).toEqual(['column', 'column']);
    expect(LETTER_CSS).toContain('.letter .columns { display: flex;');
    const classes = elements(document).map((element) => attr(element, 'class'));
    expect(classes).toEqual(expect.arrayContaining(['letterhead', 'date', 'address', 'notes']));
  });

  it('prints each section after the first on a new page', () => {
    expect(LETTER_CSS).toMatch(/@media print \{\n {2}\.letter section \+ section \{ break-before: page;/);
  });

  it('escapes every character of the text that HTML would read as markup', () => {
    const name = '<script>alert("x")</script> & <b>Bold</b> Council';
    const html = writeHtml(letterWith(name, 'https://example.org/?a=1&b="2"'));
    const { document, errors } = readHtml(html);
    expect(errors).toEqual([]);
    expect(byTag(document, 'script')).toEqual([]);
    expect(byTag(document, 'b')).toEqual([]);
    expect(textOf(byTag(document, 'title')[0]!)).toBe(`Annual Review letter 2020 – ${name}`);
    expect(textOf(byTag(document, 'p').find((p) => attr(p, 'class') === 'address')!).replace(/\n+/g, '\n')).toBe(`Chief Executive\n${name}`);
    expect(byTag(document, 'a').map((a) => attr(a, 'href'))).toEqual(['https://example.org/?a=1&b="2"']);
  });

  it('gives the letter alone, for a page that shows it among other things', () => {
    const document = letterWith('Knowsley Metropolitan Borough Council');
    const body = htmlLetterBody(document);
    expect(body.startsWith('<div class="letter" lang="en-GB">\n<section class="section-letter">')).toBe(true);
    expect(writeHtml(document)).toContain(`<main>\n${body}\n</main>`);
    for (const rule of LETTER_CSS.split('\n').filter((line) => line.includes('{') && !line.startsWith('@media'))) expect(rule.trimStart()).toMatch(/^\.letter[ .{]/);
  });

  it('is the format `html` of the registry, written as .html', async () => {
    const document = letters[0]!.document;
    expect(WRITERS.html.extension).toBe('html');
    expect(await WRITERS.html.write(document)).toBe(writeHtml(document));
  });
});
