import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LetterDocument } from '../../src/document/types.js';
import { LettersError } from '../../src/errors.js';
import { loadProject } from '../../src/project.js';
import { renderLetter } from '../../src/render.js';
import { writeSection, writeText } from '../../src/writers/text.js';
import { createPdfPrinter, writePdf, type PdfPrinter } from '../../src/writers/pdf/index.js';
import { PAGE_MARGINS } from '../../src/writers/pdf/styles.js';
import { letterWith, tablesAndColumns, withoutImages } from './documents.js';
import { pdfWordsOf, readPdf, wordsOf, type ReadPdf } from './readPdf.js';

// Laying out and reading back real PDFs takes a few hundred milliseconds each, more when other test files run beside.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 300_000 });

const ROOT = resolve(import.meta.dirname, '../..');
const project = await loadProject({ dataDir: join(ROOT, 'data'), templatesDir: join(ROOT, 'templates') });
/** Every letter with data and a template: the published ones, and any added later. */
const letters = project.letters.map((letter) => ({
  name: `${letter.year}/${letter.slug}`,
  document: renderLetter(letter, project.years.get(letter.year)!).document,
}));

let printer: PdfPrinter;
const printed = new Map<string, { bytes: Buffer; pdf: ReadPdf }>();
beforeAll(async () => {
  printer = await createPdfPrinter();
  for (const { name, document } of letters) {
    const bytes = await printer.print(document);
    printed.set(name, { bytes, pdf: await readPdf(bytes) });
  }
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe.each(letters)('$name', ({ name, document }) => {
  const get = () => printed.get(name)!;

  it('says in words exactly what the text writer says, but for the letterhead’s, which its image shows', () => {
    expect(pdfWordsOf(get().pdf.pages.join('\n'))).toEqual(wordsOf(writeText(withoutImages(document))));
  });

  it('starts every section on a new page, the statistics on a page of their own', () => {
    const { pages } = get().pdf;
    const sections: Record<string, number> = {};
    let page = 0;
    for (const section of withoutImages(document).sections) {
      const expected = wordsOf(writeSection(section));
      const start = page;
      const got: string[] = [];
      while (got.length < expected.length && page < pages.length) got.push(...pdfWordsOf(pages[page++]!));
      expect(got, `${section.name} section, pages ${start + 1}–${page}`).toEqual(expected);
      sections[section.name] = page - start;
    }
    expect(page).toBe(pages.length);
    if (sections.statistics !== undefined) expect(sections.statistics).toBe(1);
    expect(sections.letter).toBeLessThanOrEqual(3);
  });

  it('keeps all its text inside the page margins', () => {
    expect(get().pdf.outside(PAGE_MARGINS)).toEqual([]);
  });

  it('embeds every font it uses, as a subset', () => {
    const { fonts, usesStandardFont } = get().pdf;
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['Roboto-Bold', 'Roboto-Regular']);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name, 'a subset font name starts with a six-letter tag').toMatch(/^[A-Z]{6}\+/);
    }
    expect(usesStandardFont).toBe(false);
  });

  it('carries the title, author, subject, creator, language and the letter date', () => {
    expect(get().pdf.info).toMatchObject({
      Title: document.meta.title,
      Author: document.meta.author,
      Subject: document.meta.subject,
      Creator: 'letters',
      Producer: 'pdfmake (PDFKit)',
      Language: 'en-GB',
      CreationDate: `D:${document.meta.date.replaceAll('-', '')}000000Z`,
    });
    expect(get().bytes.toString('latin1')).toContain('/DisplayDocTitle true');
  });

  it('makes every link of the letter a link annotation with its address', () => {
    const linked = new Set(get().pdf.links.flat());
    expect([...linked].sort()).toEqual([...new Set(urlsOf(document))].sort());
  });

  it('is byte-identical when built again, with the same printer or a new one', async () => {
    expect((await printer.print(document)).equals(get().bytes)).toBe(true);
    expect((await (await createPdfPrinter()).print(document)).equals(get().bytes)).toBe(true);
  });
});

describe('order independence', () => {
  // Two characters drawn with one glyph (Roboto draws U+0394 and U+2206 alike, and U+03A9 and U+2126):
  // the PDF's text layer names the glyph by the character met first in that letter, never in an earlier one.
  const sharingGlyphs = [
    { name: 'Greek capital delta', document: letterWith('Δelta Borough Council, ∆ and Ω') },
    { name: 'increment sign', document: letterWith('∆elta Borough Council, Δ and Ω') },
    { name: 'ohm sign', document: letterWith('Ωmega District Council, Ω') },
  ];

  it('gives a letter the same bytes alone (fresh modules and printer) as after all the others', async () => {
    const others = [...letters, ...sharingGlyphs, { name: 'tables', document: tablesAndColumns() }, { name: 'styles', document: letterWith('Ynys Môn – “Isle of Anglesey” County Council') }];
    for (const { name, document } of [...letters, ...sharingGlyphs]) {
      vi.resetModules();
      const fresh = (await import('../../src/writers/pdf/index.js')) as typeof import('../../src/writers/pdf/index.js');
      const alone = await (await fresh.createPdfPrinter()).print(document);

      const shared = await createPdfPrinter();
      for (const other of [...others].reverse()) await shared.print(other.document);
      const afterOthers = await shared.print(document);
      expect(afterOthers.equals(alone), name).toBe(true);
    }
  }, 600_000);

  it('gives the same bytes when letters are asked for at once as one after another', async () => {
    const documents = [...letters, ...sharingGlyphs].map(({ document }) => document);
    const oneByOne = [];
    for (const document of documents) oneByOne.push(await printer.print(document));
    const atOnce = await Promise.all(documents.map((document) => printer.print(document)));
    expect(atOnce.map((bytes, index) => bytes.equals(oneByOne[index]!))).toEqual(documents.map(() => true));
  });
});

describe('tables and columns', () => {
  const document = tablesAndColumns();

  it('draws tables with merged header cells and notes beside them, saying what the text says', async () => {
    const pdf = await readPdf(await writePdf(document, { printer }));
    expect(pdfWordsOf(pdf.pages.join('\n'))).toEqual(wordsOf(writeText(document)));
    expect(pdf.pages).toHaveLength(2);
  });
});

describe('long names', () => {
  it('wrap inside the margins, nothing cut off', async () => {
    const document = letterWith(
      'The Council of the Royal Borough of Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch and the Most Extraordinarily Long District Name',
    );
    const pdf = await readPdf(await writePdf(document, { printer }));
    expect(pdf.outside(PAGE_MARGINS)).toEqual([]);
    expect(pdfWordsOf(pdf.pages.join('\n'))).toEqual(wordsOf(writeText(document)));
  });
});

describe('long web addresses', () => {
  it('break at a slash after the host, never right after "https://"', async () => {
    const url = 'https://www.lgo.org.uk/information-centre/reports/annual-review-reports/interpreting-local-authority-statistics';
    // Lead-ins of every length up to a line's worth, so that some put the address at the end of a line.
    const blocks: LetterDocument['sections'][number]['blocks'] = Array.from({ length: 40 }, (_, index) => ({
      type: 'paragraph' as const,
      children: [{ type: 'text' as const, value: `${'word '.repeat(12)}${'i'.repeat(index * 2)} see ` }, { type: 'link' as const, url, children: [{ type: 'text' as const, value: url }] }],
    }));
    const pdf = await readPdf(await printer.print({ ...letterWith('X'), sections: [{ name: 'letter', blocks }] }));
    expect(pdf.lines.filter((line) => /https?:\/\/$/.test(line))).toEqual([]);
    expect(pdf.lines.filter((line) => line.endsWith(' see https://www.lgo.org.uk/')).length).toBeGreaterThan(0);
    expect(pdfWordsOf(pdf.pages.join('\n')).filter((word) => word.includes('lgo.org.uk'))).toEqual(blocks.map(() => url));
  });
});

describe('characters', () => {
  it('refuses a character the font cannot draw, naming it and its code point', async () => {
    const document = letterWith('Snowman ☃ Borough Council');
    await expect(writePdf(document, { printer })).rejects.toThrow(LettersError);
    await expect(writePdf(document, { printer })).rejects.toThrow(
      'cannot draw "☃" (U+2603) in "Snowman ☃ Borough Council": the PDF font Roboto has no glyph for it',
    );
  });

  it('names a character beyond the Basic Multilingual Plane by its full code point', async () => {
    await expect(writePdf(letterWith('The 𝔸 Council'), { printer })).rejects.toThrow('"𝔸" (U+1D538)');
  });

  it('draws Welsh and typographic characters the data may hold', async () => {
    const pdf = await readPdf(await writePdf(letterWith('Ynys Môn – “Isle of Anglesey” County Council'), { printer }));
    expect(pdf.pages.join(' ')).toContain('Ynys Môn – “Isle of Anglesey” County Council');
  });

  it('keeps soft hyphens and zero-width characters out of the PDF text', async () => {
    const pdf = await readPdf(await writePdf(letterWith('Knows\u00ADley Metro\u200Bpolitan\u2060 Borough\uFEFF Council'), { printer }));
    const text = pdf.pages.join(' ');
    expect(text).toContain('Knowsley Metropolitan Borough Council');
    expect(text).not.toMatch(/[\u00AD\u200B\u2060\uFEFF]/);
  });
});

describe('safety', () => {
  it('fetches nothing for a letter full of addresses', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network in tests')));
    vi.stubGlobal('fetch', fetch);
    const document = letterWith('https://example.invalid/logo.png Council', 'https://example.invalid/track');
    const pdf = await readPdf(await writePdf(document, { printer }));
    expect(new Set(pdf.links.flat())).toEqual(new Set(['https://example.invalid/track']));
    expect(fetch).not.toHaveBeenCalled();
  });

  it('leaves pdfmake unable to fetch a URL or read a file, whatever a definition asks for', async () => {
    await createPdfPrinter();
    const fetch = vi.fn(() => Promise.reject(new Error('no network in tests')));
    vi.stubGlobal('fetch', fetch);
    const pdfmake = (await import('pdfmake')).default;
    await expect(pdfmake.createPdf({ content: [{ image: 'logo' }], images: { logo: 'https://example.invalid/logo.png' } }).getBuffer()).rejects.toThrow(
      /Access to URL denied/,
    );
    await expect(pdfmake.createPdf({ content: [{ image: '/etc/hostname' }] }).getBuffer()).rejects.toThrow(/Access to local file denied/);
    expect(fetch).not.toHaveBeenCalled();
  });
});

function urlsOf(document: LetterDocument): string[] {
  const json = JSON.stringify(document);
  return [...json.matchAll(/"url":"([^"]+)"/g)].map(([, url]) => url!);
}
