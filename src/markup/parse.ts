import { Lexer, Marked, type Token, type Tokens } from 'marked';
import {
  BLOCK_STYLES,
  SECTION_NAMES,
  type Block,
  type BlockStyle,
  type Inline,
  type Section,
  type SectionName,
  type TableCell,
} from '../document/types.js';
import { letterMarkupLexer } from '../engine/index.js';
import { LruCache } from '../lruCache.js';
import { directiveExtension, type DirectiveToken } from './directives.js';

/**
 * Letter markup → sections of blocks. The markup is Markdown (marked's lexer,
 * GFM tables and autolinks) plus the directives in `directives.ts`. Anything a
 * letter cannot contain (raw HTML, images, code) is an error, not dropped.
 */
export class MarkupError extends Error {}

const options = new Marked({ gfm: true, extensions: [directiveExtension] }).defaults;

/** Lexed parts of letters, by their text: the fixed parts of a few years' letters (some forty a year), and room for the few that change in each letter. */
const lexedParts = new LruCache<string, Token[]>(300);

/**
 * The markup's tokens, lexed part by part where blank lines divide it into
 * parts that do not affect one another (`independentParts`). Most parts of a
 * letter are the same in every letter of its year and are lexed once.
 */
export function lexMarkup(markup: string): Token[] {
  const parts = independentParts(markup);
  const LetterLexer = letterMarkupLexer();
  if (!parts) return new LetterLexer(options).lex(markup);
  const tokens: Token[] = [];
  for (const part of parts) {
    let lexed = lexedParts.get(part);
    if (!lexed) {
      // A copy: tokens keep slices of the text they were lexed from, and a kept part must not keep its whole letter.
      const own = structuredClone(part);
      lexed = new LetterLexer(options).lex(own);
      lexedParts.set(own, lexed);
    }
    tokens.push(...lexed);
  }
  return tokens;
}

/** A blank line, or several. */
const BLANK_LINES = /(\n(?:[ \t]*\n)+)/;
/** What may carry a block's meaning across a blank line: fences, HTML blocks, link definitions. Markup with any is lexed whole. */
const ACROSS_BLANK_LINES = /^ {0,3}(?:`{3,}|~{3,}|<|\[[^\]\n]+\]:)/m;
/** A part that may continue the one before: indented, a list item or a quotation. */
const CONTINUATION = /^(?:[ \t]|[*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|>)/;
const CONTAINER_LINE = /^(:{3,})[ \t]*([a-z]?)/gm;

/**
 * The markup cut at blank lines into parts that lex alone as they do in
 * place: a paragraph, heading, table or leaf directive ends at a blank line.
 * A part that may continue the one before (a list, indented text) stays
 * with it, as does everything inside a `:::` container; markup with
 * anything that reaches across blank lines is not cut (undefined).
 */
export function independentParts(markup: string): string[] | undefined {
  if (ACROSS_BLANK_LINES.test(markup)) return undefined;
  const pieces = markup.split(BLANK_LINES);
  const parts: string[] = [];
  let open: string[] = [];
  for (let index = 0; index < pieces.length; index += 2) {
    const piece = pieces[index]!;
    if (parts.length > 0 && (open.length > 0 || CONTINUATION.test(piece))) parts[parts.length - 1] += pieces[index - 1]! + piece;
    else parts.push(piece);
    open = openContainers(piece, open);
  }
  return parts;
}

/** The colons of the containers still open after `text`, given those open before it. */
function openContainers(text: string, open: string[]): string[] {
  const stack = [...open];
  for (const [, colons = '', name] of text.matchAll(CONTAINER_LINE)) {
    if (name) stack.push(colons);
    else if (stack.at(-1) === colons) stack.pop();
  }
  return stack;
}

export function parseMarkup(markup: string): Section[] {
  return toSections(lexMarkup(markup));
}

/** The markup's tokens from marked's own lexer, in one piece and remembering nothing: what `lexMarkup` must always give. */
export function lexMarkupPlain(markup: string): Token[] {
  return new Lexer(options).lex(markup);
}

/** parseMarkup, with the markup lexed by `lexMarkupPlain`. */
export function parseMarkupWhole(markup: string): Section[] {
  return toSections(lexMarkupPlain(markup));
}

function toSections(tokens: Token[]): Section[] {
  const sections: Section[] = [{ name: 'letter', blocks: [] }];
  for (const token of tokens) {
    if (token.type === 'directive' && (token as DirectiveToken).name === 'section') {
      sections.push({ name: sectionName((token as DirectiveToken).args), blocks: [] });
      continue;
    }
    const block = toBlock(token);
    if (block) sections[sections.length - 1]!.blocks.push(block);
  }
  return sections.filter((section) => section.blocks.length > 0);
}

function sectionName(args: string): SectionName {
  if ((SECTION_NAMES as readonly string[]).includes(args)) return args as SectionName;
  throw new MarkupError(`unknown section "${args}" (expected one of ${SECTION_NAMES.join(', ')})`);
}

function blockStyle(name: string): BlockStyle {
  if ((BLOCK_STYLES as readonly string[]).includes(name)) return name as BlockStyle;
  throw new MarkupError(`unknown block style ":::${name}" (expected table, columns, column or one of ${BLOCK_STYLES.join(', ')})`);
}

function toBlocks(tokens: Token[]): Block[] {
  return tokens.map(toBlock).filter((block): block is Block => block !== undefined);
}

function toBlock(token: Token): Block | undefined {
  switch (token.type) {
    case 'space':
      return undefined;
    case 'paragraph':
      return { type: 'paragraph', children: toInlines(token.tokens ?? []) };
    case 'heading': {
      const depth = Math.min(token.depth, 3) as 1 | 2 | 3;
      return { type: 'heading', depth, children: toInlines(token.tokens ?? []) };
    }
    case 'list':
      return { type: 'list', items: (token as Tokens.List).items.map((item) => listItem(item)) };
    case 'table':
      return table(token as Tokens.Table, 1);
    case 'directive':
      return directive(token as DirectiveToken);
    default:
      throw new MarkupError(`a letter cannot contain ${describe(token)}: ${JSON.stringify(token.raw.trim().slice(0, 40))}`);
  }
}

function directive(token: DirectiveToken): Block {
  if (token.kind === 'leaf') {
    if (token.name === 'signature') return { type: 'signature' };
    throw new MarkupError(`unknown directive "::${token.name}" (expected ::section or ::signature)`);
  }
  const children = token.tokens as Token[];
  if (token.name === 'table') {
    const inner = children.filter((child) => child.type !== 'space');
    const only = inner[0];
    if (inner.length !== 1 || only?.type !== 'table') throw new MarkupError(':::table must hold exactly one table');
    const headerRows = Number(/header-rows=(\d+)/.exec(token.args)?.[1] ?? '1');
    return table(only as Tokens.Table, headerRows);
  }
  if (token.name === 'columns') {
    // Each column is a container: `:::column` for plain blocks, or a styled one (`:::notes`).
    const columns = children
      .filter((child) => child.type !== 'space')
      .map((child) => {
        if (child.type !== 'directive' || (child as DirectiveToken).kind !== 'container') {
          throw new MarkupError(':::columns may hold only containers, one per column');
        }
        const column = child as DirectiveToken;
        return column.name === 'column' ? toBlocks(column.tokens as Token[]) : [directive(column)];
      });
    return { type: 'columns', columns };
  }
  const style = blockStyle(token.name);
  const blocks = toBlocks(children);
  // A container of one paragraph styles that paragraph; several make a group.
  const first = blocks[0];
  if (blocks.length === 1 && first?.type === 'paragraph') return { ...first, style };
  return { type: 'group', style, children: blocks };
}

function listItem(item: Tokens.ListItem): Inline[] {
  const inlines: Inline[] = [];
  for (const child of item.tokens) {
    if (child.type === 'text' || child.type === 'paragraph') {
      inlines.push(...toInlines((child as Tokens.Text).tokens ?? [{ type: 'text', raw: child.raw, text: child.raw } as Tokens.Text]));
    } else if (child.type !== 'space') {
      throw new MarkupError(`a list item cannot contain ${describe(child)}`);
    }
  }
  return inlines;
}

/** GFM tables have one header row; `:::table header-rows=N` makes the first N rows headers. */
function table(token: Tokens.Table, headerRows: number): Block {
  const rows: TableCell[][] = [token.header.map(cell), ...token.rows.map((row) => row.map(cell))];
  return { type: 'table', headerRows, rows: rows.map((row, index) => (index < headerRows ? mergeEmptyHeaderCells(row) : row)) };
}

function cell(tableCell: Tokens.TableCell): TableCell {
  return { children: toInlines(tableCell.tokens), colSpan: 1 };
}

/** In a header row, empty cells widen the filled cell on their left (a spanning group heading). */
function mergeEmptyHeaderCells(row: TableCell[]): TableCell[] {
  const merged: TableCell[] = [];
  for (const current of row) {
    const previous = merged[merged.length - 1];
    if (current.children.length === 0 && previous && previous.children.length > 0) previous.colSpan += 1;
    else merged.push({ ...current });
  }
  return merged;
}

/** `inLink`: inside a link's text, where marked still makes an autolink of `<https://…>`; a link cannot hold a link. */
function toInlines(tokens: Token[], inLink = false): Inline[] {
  const out: Inline[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        if ('tokens' in token && token.tokens && token.tokens.length > 0) out.push(...toInlines(token.tokens, inLink));
        else pushText(out, token.text.replace(/\n/g, ' '));
        break;
      case 'escape':
        pushText(out, token.text);
        break;
      case 'br':
        out.push({ type: 'break' });
        break;
      case 'strong':
        out.push({ type: 'strong', children: toInlines(token.tokens ?? [], inLink) });
        break;
      case 'em':
        out.push({ type: 'emphasis', children: toInlines(token.tokens ?? [], inLink) });
        break;
      case 'link':
        if (inLink) throw new MarkupError(`a link cannot contain another link: ${JSON.stringify(token.raw.slice(0, 40))}`);
        out.push({ type: 'link', url: linkUrl(token.href), children: toInlines(token.tokens ?? [], true) });
        break;
      default:
        throw new MarkupError(`a letter cannot contain ${describe(token)}: ${JSON.stringify(token.raw.slice(0, 40))}`);
    }
  }
  return out;
}

/** Adjacent text runs join, so writers and tests see one run per stretch of plain text. */
function pushText(out: Inline[], value: string): void {
  const last = out[out.length - 1];
  if (last?.type === 'text') last.value += value;
  else out.push({ type: 'text', value });
}

function linkUrl(href: string): string {
  if (/^(https?:|mailto:)/i.test(href)) return href;
  throw new MarkupError(`link "${href}" is not an http(s) or mailto address`);
}

function describe(token: Token): string {
  const names: Record<string, string> = {
    html: 'raw HTML',
    image: 'an image',
    code: 'a code block',
    codespan: 'code',
    blockquote: 'a block quote',
    hr: 'a horizontal rule (use ::section for a new page)',
    del: 'struck-through text',
  };
  return names[token.type] ?? `a ${token.type}`;
}
