import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { LIST_BULLET } from '../../src/document/types.js';

/** What a reader of the PDF gets back: the text of each page, its links, the document's metadata and fonts. */
export interface ReadPdf {
  pages: string[];
  /** The URL of every link annotation, page by page. */
  links: string[][];
  info: Record<string, unknown>;
  /** Fonts as the file declares them: name, and whether a font program is embedded. */
  fonts: { name: string; embedded: boolean }[];
  /** True when some font is one of the 14 standard fonts a viewer substitutes (never embedded). */
  usesStandardFont: boolean;
  /** The words of each line of every page, as drawn: the items on one baseline, in the order drawn, one space apart. */
  lines: string[];
  /** Text drawn outside the page margins [left, top, right, bottom] (its baseline, vertically): cut off, or running into the edge. */
  outside: (margins: readonly number[]) => string[];
}

/** Reads a PDF back with pdf.js (in-process; the legacy build runs on Node 20). */
export async function readPdf(bytes: Buffer): Promise<ReadPdf> {
  // pdf.js takes ownership of the array it is given: hand it a copy.
  const document = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  const pages: string[] = [];
  const links: string[][] = [];
  const placed: { str: string; left: number; right: number; top: number; bottom: number; width: number; height: number }[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    const [, , width = 0, height = 0] = page.view;
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , , x = 0, y = 0] = item.transform as number[];
      placed.push({ str: item.str, left: x, right: x + item.width, bottom: y, top: y + item.height, width, height });
    }
    const annotations = await page.getAnnotations();
    links.push(annotations.filter((annotation) => annotation.subtype === 'Link').map((annotation) => String(annotation.url)));
  }
  const { info } = await document.getMetadata();
  await document.destroy();
  const outside = ([left = 0, top = 0, right = 0, bottom = 0]: readonly number[]) =>
    placed
      .filter((item) => item.left < left - 0.5 || item.right > item.width - right + 0.5 || item.bottom < bottom - 0.5 || item.bottom > item.height - top + 0.5)
      .map((item) => item.str);
  const lines: string[] = [];
  placed.forEach((item, index) => {
    const previous = placed[index - 1];
    if (previous && Math.abs(previous.bottom - item.bottom) < 0.5 && previous.height === item.height) lines[lines.length - 1] += ` ${item.str}`;
    else lines.push(item.str);
  });
  return { pages, links, info: info as Record<string, unknown>, ...fontsOf(bytes), outside, lines };
}

/**
 * Font dictionaries are plain (uncompressed) objects in PDFKit's output, so
 * they can be read from the bytes as pdffonts would: every FontDescriptor
 * names its font and, when the font is embedded, points to a FontFile2.
 */
function fontsOf(bytes: Buffer): Pick<ReadPdf, 'fonts' | 'usesStandardFont'> {
  const text = bytes.toString('latin1');
  const fonts = [...text.matchAll(/\/Type \/FontDescriptor\n([\s\S]*?)>>/g)].map(([, body = '']) => ({
    name: /\/FontName \/(\S+)/.exec(body)?.[1] ?? '',
    embedded: /\/FontFile[23]? \d+ 0 R/.test(body),
  }));
  const usesStandardFont = /\/Subtype \/Type1\n/.test(text) || /\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/.test(text);
  return { fonts, usesStandardFont };
}

/**
 * The words of PDF text. pdfmake breaks a line after a hyphen or a slash
 * inside a word ("authority-" / "statistics", "http://" / "www…"), where the
 * text writer has one word: a line that ends in such a word part runs on.
 */
export function pdfWordsOf(text: string): string[] {
  return wordsOf(text.replace(/(\S[-/])\n/g, '$1'));
}

/** The words a reader sees: whitespace collapsed (a list item's bullet is a word of the text and PDF letters). */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

/** The words of a text letter without its list bullets, for a writer whose bullets are not text (HTML's list markers). */
export function wordsWithoutBulletsOf(text: string): string[] {
  return wordsOf(text.replace(new RegExp(`^${LIST_BULLET} `, 'gm'), ''));
}
