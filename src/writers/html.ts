import { BLOCK_STYLES, type Block, type Inline, type LetterDocument, type Section, type TableCell } from '../document/types.js';
import type { Style } from 'pdfmake/interfaces.js';
import { DRAFT_MARK } from '../document/draft.js';
import { imageDataUri } from './imageSources.js';
import { blockLooks, COLUMN_GAP, defaultStyle, drawnImageSize, namedStyles, PAGE_MARGINS, SIGNATURE_SPACE, TABLE_HEADER_FILL, TABLE_RULE, WIDE_TABLE_COLUMNS } from './pdf/styles.js';

/**
 * The HTML writer: one self-contained page per letter, a third writer of the
 * document tree. Real headings, paragraphs, lists and tables (header cells
 * with their scope), block styles as classes, inline CSS only: no script,
 * no font or image from elsewhere (the year's images are `data:` URIs),
 * nothing but the letter's own links points out of the file. No clock goes in, so the same letter gives the same bytes.
 *
 * `htmlLetterBody` and `LETTER_CSS` are the letter alone, for a page that
 * shows it among other things: every rule of the CSS is scoped to `.letter`.
 */
export function writeHtml(document: LetterDocument): string {
  const { meta } = document;
  return [
    '<!doctype html>',
    `<html lang="${attribute(meta.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(meta.title)}</title>`,
    `<meta name="author" content="${attribute(meta.author)}">`,
    `<meta name="description" content="${attribute(meta.subject)}">`,
    `<meta name="date" content="${attribute(meta.date)}">`,
    '<meta name="generator" content="letters">',
    `<style>\n${LETTER_CSS}${PAGE_CSS}${meta.draft ? DRAFT_CSS : ''}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...(meta.draft ? [`<p class="draft-mark">${DRAFT_MARK}: not the letter to send</p>`] : []),
    htmlLetterBody(document),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The letter's markup alone: a `<div class="letter">` holding one `<section>` per section of the letter. */
export function htmlLetterBody(document: LetterDocument): string {
  const sections = document.sections.filter((section) => section.blocks.length > 0).map(sectionHtml);
  return [`<div class="letter" lang="${attribute(document.meta.language)}">`, ...sections, '</div>'].join('\n');
}

function sectionHtml(section: Section): string {
  return [`<section class="section-${section.name}">`, ...section.blocks.map(blockHtml), '</section>'].join('\n');
}

const HEADINGS = { 1: 'h1', 2: 'h2', 3: 'h3' } as const;

const handlers: { [K in Block['type']]: (block: Extract<Block, { type: K }>) => string } = {
  paragraph: (block) => `<p${classes(block.style)}>${inlineHtml(block.children)}</p>`,
  heading: (block) => `<${HEADINGS[block.depth]}>${inlineHtml(block.children)}</${HEADINGS[block.depth]}>`,
  list: (block) => ['<ul>', ...block.items.map((item) => `<li>${inlineHtml(item)}</li>`), '</ul>'].join('\n'),
  table: (block) => tableHtml(block.headerRows, block.rows),
  group: (block) => [`<div${classes(block.style)}>`, ...block.children.map(blockHtml), '</div>'].join('\n'),
  columns: (block) =>
    ['<div class="columns">', ...block.columns.map((blocks) => ['<div class="column">', ...blocks.map(blockHtml), '</div>'].join('\n')), '</div>'].join('\n'),
  signature: () => '<div class="signature"></div>',
  // The image stands for the blocks it replaces (the letterhead's words), which its alt says.
  image: (block) => {
    const { width } = drawnImageSize(block.image, block.place);
    return `<div class="${block.place}-image"><img src="${imageDataUri(block.image)}" alt="${attribute(block.image.alt)}" style="width: ${width}pt"></div>`;
  },
};

export function blockHtml(block: Block): string {
  const handler = handlers[block.type] as ((block: Block) => string) | undefined;
  if (!handler) throw new Error(`Cannot handle unknown block node ${JSON.stringify(block)}`);
  return handler(block);
}

function classes(style: string | undefined): string {
  return style === undefined ? '' : ` class="${attribute(style)}"`;
}

/**
 * Header rows go in `<thead>`, their cells `<th scope="col">` (a merged cell
 * spans its columns). A table with no header rows is a list of labelled
 * values ("Local Authority Report:" | the name): the first cell of each row
 * is its row header.
 */
function tableHtml(headerRows: number, rows: TableCell[][]): string {
  const width = Math.max(1, ...rows.map((row) => row.reduce((sum, cell) => sum + cell.colSpan, 0)));
  const rowHtml = (row: TableCell[], header: boolean): string => {
    const cells = row.map((cell, index) => {
      const span = cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '';
      const content = inlineHtml(cell.children);
      if (header) return `<th scope="col"${span}>${content}</th>`;
      if (headerRows === 0 && index === 0) return `<th scope="row"${span}>${content}</th>`;
      return `<td${span}>${content}</td>`;
    });
    const used = row.reduce((sum, cell) => sum + cell.colSpan, 0);
    for (let column = used; column < width; column++) cells.push('<td></td>');
    return `<tr>${cells.join('')}</tr>`;
  };
  const head = rows.slice(0, headerRows).map((row) => rowHtml(row, true));
  const body = rows.slice(headerRows).map((row) => rowHtml(row, false));
  return [
    `<table${width > WIDE_TABLE_COLUMNS ? ' class="wide"' : headerRows === 0 ? ' class="labelled"' : ''}>`,
    ...(head.length > 0 ? ['<thead>', ...head, '</thead>'] : []),
    ...(body.length > 0 ? ['<tbody>', ...body, '</tbody>'] : []),
    '</table>',
  ].join('\n');
}

/** Links only to the web and e-mail (the markup parser allows nothing else; checked again where the href is written). */
const LINK_URL = /^(https?:\/\/|mailto:)/i;

export function inlineHtml(nodes: Inline[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += text(node.value);
        break;
      case 'break':
        out += '<br>\n';
        break;
      case 'strong':
        out += `<strong>${inlineHtml(node.children)}</strong>`;
        break;
      case 'emphasis':
        out += `<em>${inlineHtml(node.children)}</em>`;
        break;
      case 'link':
        out += LINK_URL.test(node.url) ? `<a href="${attribute(node.url)}">${inlineHtml(node.children)}</a>` : inlineHtml(node.children);
        break;
      default:
        throw new Error(`Cannot handle unknown inline node ${JSON.stringify(node satisfies never)}`);
    }
  }
  return out;
}

function text(value: string): string {
  return value.replace(/[&<>]/g, (character) => ESCAPES[character]!);
}

function attribute(value: string): string {
  return value.replace(/[&<>"]/g, (character) => ESCAPES[character]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * A PDF style as CSS declarations: the HTML letter takes its sizes, colours
 * and spacing from the PDF's styles (pdf/styles.ts), so the two look alike
 * and are changed in one place. Sizes are points in both.
 */
function styleCss(style: Style): string {
  const declarations: string[] = [];
  if (style.fontSize !== undefined) declarations.push(`font-size: ${style.fontSize}pt`);
  if (style.bold) declarations.push('font-weight: bold');
  if (style.color !== undefined) declarations.push(`color: ${style.color}`);
  if (style.characterSpacing !== undefined) declarations.push(`letter-spacing: ${style.characterSpacing}pt`);
  if (style.lineHeight !== undefined) declarations.push(`line-height: ${style.lineHeight}`);
  if (Array.isArray(style.margin) && style.margin.length === 4) {
    // pdfmake: left, top, right, bottom; CSS: top, right, bottom, left.
    const [left, top, right, bottom] = style.margin;
    declarations.push(`margin: ${[top, right, bottom, left].map((value) => (value === 0 ? '0' : `${value}pt`)).join(' ')}`);
  }
  return declarations.join('; ');
}

const rule = (selector: string, style: Style, extra = ''): string => `${selector} { ${[styleCss(style), extra].filter(Boolean).join('; ')}; }`;

export const LETTER_CSS = `${rule('.letter', { ...defaultStyle, lineHeight: 1.3 }, 'font-family: Roboto, "Helvetica Neue", Arial, sans-serif')}
${rule('.letter p, .letter ul', namedStyles.paragraph)}
${rule('.letter h1', namedStyles.heading1)}
${rule('.letter h2', namedStyles.heading2)}
${rule('.letter h3', namedStyles.heading3)}
${rule('.letter a', { color: namedStyles.link.color })}
${BLOCK_STYLES.map((style) => rule(`.letter .${style}`, blockLooks[style].block)).join('\n')}
${BLOCK_STYLES.filter((style) => blockLooks[style].strong).map((style) => rule(`.letter .${style} strong`, blockLooks[style].strong!, 'line-height: 1.1')).join('\n')}
.letter div.small > *, .letter div.notes > * { margin: 0 0 6pt; }
.letter .signature { height: ${SIGNATURE_SPACE}pt; }
${rule('.letter .letterhead-image', { margin: blockLooks.letterhead.block.margin })}
.letter .signature-image { margin: 0 0 8pt; }
.letter .letterhead-image img, .letter .signature-image img { display: block; max-width: 100%; height: auto; }
.letter .columns { display: flex; gap: ${COLUMN_GAP}pt; align-items: flex-start; }
.letter .column, .letter .columns > .notes { flex: 1 1 0; min-width: 0; }
${rule('.letter table', namedStyles.table, 'border-collapse: collapse; width: 100%')}
${rule('.letter table.wide', namedStyles.tableWide)}
.letter table.labelled { width: auto; }
.letter th, .letter td { border: 0.5pt solid ${TABLE_RULE}; padding: 2pt 3pt; text-align: center; vertical-align: top; }
.letter thead th { background: ${TABLE_HEADER_FILL}; }
.letter tbody th { text-align: left; font-weight: normal; }
.letter table.labelled td { text-align: left; }
.letter section + section { border-top: 1px dashed ${TABLE_RULE}; margin-top: 24pt; padding-top: 16pt; }
.letter h1, .letter h2, .letter h3 { break-after: avoid; }
.letter .signature, .letter .signature-image { break-before: avoid; break-after: avoid; }
.letter tr { break-inside: avoid; }
@media print {
  .letter section + section { break-before: page; border-top: none; margin-top: 0; padding-top: 0; }
}
`;

/** The PDF's page margins, as CSS (top, right, bottom, left). */
const [LEFT, TOP, RIGHT, BOTTOM] = PAGE_MARGINS;
const MARGINS = `${TOP}pt ${RIGHT}pt ${BOTTOM}pt ${LEFT}pt`;

/** The page around the letter: an A4 sheet on screen, the page margins of the PDF in print. */
const DRAFT_CSS = `.draft-mark { margin: 0 0 1em; padding: 0.25em 0.5em; border: 2px solid #942514; color: #942514; font-weight: bold; text-align: center; }
`;

const PAGE_CSS = `body { margin: 0; background: #eeeaf1; }
main { box-sizing: border-box; max-width: 210mm; margin: 16px auto; padding: ${MARGINS}; background: #ffffff; }
@media (max-width: 210mm) { main { margin: 0; padding: 16px; } }
@page { size: A4; margin: ${MARGINS}; }
@media print {
  body { background: none; }
  main { max-width: none; margin: 0; padding: 0; }
}
`;

/** The escaping of this writer, for the pages that show letters among other things (src/publish/). */
export { text as escapeHtmlText, attribute as escapeHtmlAttribute };
