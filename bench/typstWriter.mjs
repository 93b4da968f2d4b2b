// The benchmark's peer: our document tree written as Typst markup and made
// into a PDF by Typst (@myriaddreamin/typst-ts-node-compiler, a development
// dependency), so the bench can set our PDF writer beside a typesetter that
// makes the same letters. Bench-only: no command uses it.
//
// The words are ours (the tree comes from our pipeline, and every text run is
// passed as a Typst string, so nothing in it is read as markup); the look is
// taken from our PDF writer's styles module (sizes, colours, margins, the
// statistics figures' large bold runs), in the same Roboto files, on A4.
// Typst breaks lines its own way, so the pages look alike, not the same: a
// line may break at another word, a page hold a line more.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { LIST_BULLET } from '../dist/document/types.js';
import { fontFiles } from '../dist/writers/pdf/fonts.js';
import { stripInvisible } from '../dist/writers/pdf/inlines.js';
import { blockLooks, BULLET_WIDTH, COLUMN_GAP, defaultStyle, drawnImageSize, namedStyles, PAGE_MARGINS, SIGNATURE_SPACE, TABLE_HEADER_FILL, TABLE_RULE, tableLayout, WIDE_TABLE_COLUMNS } from '../dist/writers/pdf/styles.js';

const require = createRequire(import.meta.url);
/** Where the compiler finds a letter's images: files of no disk, given to it as bytes. */
const WORKSPACE = '/letters-typst-peer';
const CELL_PADDING = { left: tableLayout.paddingLeft(), right: tableLayout.paddingRight(), top: tableLayout.paddingTop(), bottom: tableLayout.paddingBottom() };

/** What the compiler is asked to write: Typst's tagged PDF, checked against PDF/UA-1 as it is made. */
export const TYPST_PDF_OPTIONS = Object.freeze({ pdfStandard: 'ua-1', pdfTags: true });

/**
 * One Typst compiler with the four Roboto faces given as font buffers, reused
 * for every letter (as a program that makes many letters would). `print`
 * compiles one document to PDF bytes and throws with Typst's diagnostics if
 * the markup does not compile.
 */
export function createTypstPrinter() {
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
  const compiler = NodeCompiler.create({ workspace: WORKSPACE, fontArgs: [{ fontBlobs: fontFiles().map((file) => readFileSync(file)) }] });
  return {
    print(document) {
      for (const section of document.sections) {
        for (const block of section.blocks) if (block.type === 'image') compiler.mapShadow(`${WORKSPACE}/images/${block.image.name}`, Buffer.from(block.image.bytes));
      }
      const result = compiler.compile({ mainFileContent: typstMarkup(document) });
      const error = result.takeError();
      if (error) throw new Error(`Typst could not compile the letter "${document.meta.title}": ${JSON.stringify(compiler.fetchDiagnostics(error))}`);
      const pdf = compiler.pdf(result.result, TYPST_PDF_OPTIONS);
      // Typst memoises layout across compilations, and a year's letters share
      // most of their paragraphs: keep what recent letters used (the age
      // Typst suggests for tools that compile again and again), drop the rest.
      compiler.evictCache(30);
      return pdf;
    },
  };
}

/** LetterDocument → the Typst markup of the whole letter: settings, then each section on a new page. */
export function typstMarkup(document) {
  const { meta } = document;
  const [language, region] = meta.language.split('-');
  const [year, month, day] = meta.date.split('-').map(Number);
  const [left, top, right, bottom] = PAGE_MARGINS;
  const settings = [
    `#set document(title: ${string(stripInvisible(meta.title))}, author: ${string(stripInvisible(meta.author))}, description: ${string(stripInvisible(meta.subject))}, date: datetime(year: ${year}, month: ${month}, day: ${day}))`,
    `#set page(paper: "a4", margin: (left: ${left}pt, top: ${top}pt, right: ${right}pt, bottom: ${bottom}pt))`,
    `#set text(font: ${string(defaultStyle.font)}, size: ${defaultStyle.fontSize}pt, fill: rgb(${string(defaultStyle.color)}), lang: ${string(language)}${region ? `, region: ${string(region)}` : ''}, top-edge: "ascender", bottom-edge: "descender")`,
    `#set par(leading: ${leading(defaultStyle.lineHeight)}, spacing: 0pt)`,
    ...[1, 2, 3].flatMap((depth) => [
      `#show heading.where(level: ${depth}): set block(${blockSpacing(namedStyles[`heading${depth}`])})`,
      `#show heading.where(level: ${depth}): set text(${textLook(namedStyles[`heading${depth}`])})`,
    ]),
    `#show link: it => underline(text(fill: rgb(${string(namedStyles.link.color)}), it))`,
    `#set list(marker: box(width: ${BULLET_WIDTH}pt)[${LIST_BULLET}], body-indent: 0pt, indent: 0pt, spacing: ${leading(defaultStyle.lineHeight)})`,
  ];
  const sections = document.sections.filter((section) => section.blocks.length > 0).map((section) => sectionMarkup(section.blocks));
  return `${settings.join('\n')}\n${sections.join('\n#pagebreak()\n')}\n`;
}

/** A section's blocks; "Yours sincerely,", the signature's space and the name kept on one page, as ours are. */
function sectionMarkup(blocks) {
  const at = blocks.findIndex((block) => block.type === 'signature' || (block.type === 'image' && block.place === 'signature'));
  if (at === -1) return blocks.map(blockMarkup).join('\n');
  const start = Math.max(0, at - 1);
  return [...blocks.slice(0, start).map(blockMarkup), `#block(breakable: false)[${blocks.slice(start, at + 2).map(blockMarkup).join('')}]`, ...blocks.slice(at + 2).map(blockMarkup)].join('\n');
}

const handlers = {
  paragraph: (block) => {
    const look = block.style ? { ...namedStyles.paragraph, ...blockLooks[block.style].block } : namedStyles.paragraph;
    return `${spaceAbove(look)}#block(width: 100%, ${blockSpacing(look)})[${textSettings(look)}${inlineMarkup(block.children, block.style ? blockLooks[block.style].strong : undefined)}]`;
  },
  heading: (block) => `${spaceAbove(namedStyles[`heading${block.depth}`])}#heading(level: ${block.depth}, outlined: false)[${inlineMarkup(block.children)}]`,
  list: (block) =>
    `#block(${blockSpacing(namedStyles.list)})[#list(${block.items.map((item) => `[${inlineMarkup(item)}]`).join(', ')})]`,
  table: (block) => tableMarkup(block),
  group: (block) => {
    const look = blockLooks[block.style].block;
    return `${spaceAbove(look)}#block(breakable: false, width: 100%, ${blockSpacing(look, false)})[${textSettings(look)}${block.children.map(blockMarkup).join('')}]`;
  },
  columns: (block) =>
    `#grid(columns: (${block.columns.map(() => '1fr').join(', ')},), column-gutter: ${COLUMN_GAP}pt, ${block.columns.map((blocks) => `[${blocks.map(blockMarkup).join('')}]`).join(', ')})`,
  signature: () => `#v(${SIGNATURE_SPACE}pt)`,
  // The year's letterhead or signature at our size and margin, its alternative text read in its place.
  image: (block) => {
    const { width, height } = drawnImageSize(block.image, block.place);
    const margin = block.place === 'letterhead' ? blockLooks.letterhead.block.margin : [0, 0, 0, 8];
    return `#block(above: 0pt, below: ${margin[3]}pt)[#image(${string(`/images/${block.image.name}`)}, width: ${width}pt, height: ${height}pt, alt: ${string(stripInvisible(block.image.alt))})]`;
  },
};

function blockMarkup(block) {
  const handler = handlers[block.type];
  if (!handler) throw new Error(`Cannot handle unknown block node ${JSON.stringify(block)}`);
  return handler(block);
}

/**
 * A ruled grid, as ours: header rows shaded, bold, repeated on a new page and
 * tagged as header cells; short rows padded to the full width; counts and
 * rates centred; the ten 2018 categories in smaller type, each column as wide
 * as its words.
 */
function tableMarkup(block) {
  const width = Math.max(1, ...block.rows.map((row) => row.reduce((sum, cell) => sum + cell.colSpan, 0)));
  const wide = width > WIDE_TABLE_COLUMNS;
  const look = wide ? { ...namedStyles.table, ...namedStyles.tableWide } : namedStyles.table;
  const cell = (content, header, colSpan) =>
    `table.cell(${colSpan > 1 ? `colspan: ${colSpan}, ` : ''}align: ${header || isFigure(content) ? 'center' : 'left'}${header ? `, fill: rgb(${string(TABLE_HEADER_FILL)})` : ''})[${header ? `#strong[${inlineMarkup(content)}]` : inlineMarkup(content)}]`;
  const rows = block.rows.map((row, index) => {
    const header = index < block.headerRows;
    const cells = row.map((tableCell) => cell(tableCell.children, header, tableCell.colSpan));
    const filled = row.reduce((sum, tableCell) => sum + tableCell.colSpan, 0);
    for (let column = filled; column < width; column += 1) cells.push(header ? `table.cell(fill: rgb(${string(TABLE_HEADER_FILL)}))[]` : '[]');
    return cells;
  });
  const header = rows.slice(0, block.headerRows).flat();
  const body = rows.slice(block.headerRows).flat();
  const columns = Array.from({ length: width }, () => (wide ? 'auto' : '1fr'));
  return [
    `${spaceAbove(look)}#block(${blockSpacing(look, false)})[${textSettings(look)}`,
    `#table(columns: (${columns.join(', ')},), stroke: 0.5pt + rgb(${string(TABLE_RULE)}), inset: ${cellInset(look)},`,
    header.length > 0 ? `table.header(${header.join(', ')}),` : '',
    `${body.join(', ')})]`,
  ].join('');
}

/** Our cells' padding, and below the last line the leading pdfmake's line height gives it. */
function cellInset(style) {
  const bottom = CELL_PADDING.bottom + (style.lineHeight - 1) * ROBOTO_LINE * style.fontSize;
  return `(left: ${CELL_PADDING.left}pt, right: ${CELL_PADDING.right}pt, top: ${CELL_PADDING.top}pt, bottom: ${round(bottom)}pt)`;
}

/** Counts and rates (digits, commas, points, per cent signs and dashes only). */
function isFigure(children) {
  return children.length > 0 && children.every((child) => child.type === 'text' && /^[\d.,%\s–-]*$/.test(child.value));
}

/** Inline content as Typst markup: every text run a Typst string; a bold run in a statistics block takes that block's large look. */
function inlineMarkup(nodes, strongLook, inLink = false) {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text': {
        const text = stripInvisible(node.value);
        if (text !== '') out += inLink ? addressMarkup(text) : `#${string(text)}`;
        break;
      }
      case 'break':
        out += '#linebreak()';
        break;
      case 'strong':
        out += strongLook ? `#strong(text(${textLook(strongLook)})[${inlineMarkup(node.children, undefined, inLink)}])` : `#strong[${inlineMarkup(node.children, strongLook, inLink)}]`;
        break;
      case 'emphasis':
        out += `#emph[${inlineMarkup(node.children, strongLook, inLink)}]`;
        break;
      case 'link':
        out += `#link(${string(node.url)})[${inlineMarkup(node.children, strongLook, true)}]`;
        break;
      default:
        throw new Error(`Cannot handle unknown inline node ${JSON.stringify(node)}`);
    }
  }
  return out;
}

/** A web address shown as a link's text breaks at a slash after the host, as ours does: the scheme and host are one box. */
function addressMarkup(text) {
  const host = /^https?:\/\/[^/\s]+\/?/.exec(text)?.[0];
  if (host === undefined) return `#${string(text)}`;
  return `#box[#${string(host)}]${host === text ? '' : `#${string(text.slice(host.length))}`}`;
}

/** A Typst string literal: every character its own, nothing read as markup. */
function string(value) {
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** The text arguments of one of our styles (size, weight, colour, letter spacing). */
function textLook(style) {
  const parts = [];
  if (style.fontSize !== undefined) parts.push(`size: ${style.fontSize}pt`);
  if (style.bold) parts.push('weight: "bold"');
  if (style.color !== undefined) parts.push(`fill: rgb(${string(style.color)})`);
  if (style.characterSpacing !== undefined) parts.push(`tracking: ${style.characterSpacing}pt`);
  return parts.join(', ');
}

/** `#set` rules for the text and lines of a block in one of our styles. */
function textSettings(style) {
  const look = textLook(style);
  return `${look ? `#set text(${look});` : ''}${style.lineHeight !== undefined ? `#set par(leading: ${leading(style.lineHeight)});` : ''}`;
}

/** Roboto's line, ascender to descender (no line gap), in em: from its hhea table. */
const ROBOTO_LINE = 2400 / 2048;

/**
 * Lines as ours: each line's box runs from the font's ascender to its
 * descender (`top-edge`, `bottom-edge`), so a line of large figures is as
 * tall as it is in ours, and pdfmake's line height (a multiple of the
 * font's line) puts the rest of each line's height below it, as leading.
 */
function leading(lineHeight) {
  return `${round((lineHeight - 1) * ROBOTO_LINE)}em`;
}

/**
 * The space a style's margin [left, top, right, bottom] leaves below a
 * block. pdfmake's margins add up, and each of its lines carries its leading
 * below it, the last line's too; Typst's block spacing collapses to the
 * larger of two, and a block's last line has no leading below it. So the
 * space below is the margin and the leading of a line of the block's text,
 * and the space above a block is strong spacing of its own (`spaceAbove`),
 * which adds up as pdfmake's margins do.
 */
function blockSpacing(style, lines = true) {
  const margin = style.margin ?? [0, 0, 0, 0];
  const size = style.fontSize ?? defaultStyle.fontSize;
  const lineLeading = lines ? ((style.lineHeight ?? defaultStyle.lineHeight) - 1) * ROBOTO_LINE * size : 0;
  return `above: 0pt, below: ${round(margin[3] + lineLeading)}pt`;
}

function spaceAbove(style) {
  const top = style.margin?.[1] ?? 0;
  return top > 0 ? `#v(${top}pt)` : '';
}

function round(value) {
  return Number(value.toFixed(3));
}
