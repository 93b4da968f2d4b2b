import type { Style, StyleDictionary } from 'pdfmake/interfaces.js';
import type { BlockStyle } from '../../document/types.js';

/**
 * The look of a letter: page geometry, type sizes and colours, in one place
 * so that documentDefinition.ts only decides structure. Sizes are in points.
 */

export const FONT_FAMILY = 'Roboto';

/** An A4 page's width, in points. */
export const PAGE_WIDTH = 595.28;

/** Left, top, right, bottom: about 2.3 cm at the sides, like a printed letter. */
export const PAGE_MARGINS: [number, number, number, number] = [64, 56, 64, 56];

/** Room a hand signature takes between "Yours sincerely," and the name. */
export const SIGNATURE_SPACE = 44;

/** The widest a signature image is drawn (its height is at most SIGNATURE_SPACE). */
export const SIGNATURE_WIDTH = 180;

/** The tallest a letterhead image is drawn (as wide as the text at most). */
export const LETTERHEAD_HEIGHT = 48;

/**
 * The size an image is drawn at, in points: as large as its place allows
 * with its own proportions, the letterhead as wide as the text at most and
 * the signature in the space a signature takes.
 */
export function drawnImageSize(image: { width: number; height: number }, place: 'letterhead' | 'signature'): { width: number; height: number } {
  const [left, , right] = PAGE_MARGINS;
  const [maxWidth, maxHeight] = place === 'letterhead' ? [PAGE_WIDTH - left - right, LETTERHEAD_HEIGHT] : [SIGNATURE_WIDTH, SIGNATURE_SPACE];
  const scale = Math.min(maxWidth / image.width, maxHeight / image.height);
  // Rounded to a hundredth of a point, so the two writers and every platform agree.
  return { width: Math.round(image.width * scale * 100) / 100, height: Math.round(image.height * scale * 100) / 100 };
}

export const COLUMN_GAP = 18;

/** Room a list item's bullet takes before the item's words. */
export const BULLET_WIDTH = 12;

/** A table with more columns than this (the ten 2018 categories) fits the page only in smaller type. */
export const WIDE_TABLE_COLUMNS = 8;

export const BRAND = '#4b2366';
export const MUTED = '#444444';
export const LINK = '#1a4f9c';
export const TABLE_RULE = '#9a8aa8';
export const TABLE_HEADER_FILL = '#ece6f1';

export const defaultStyle: Style = { font: FONT_FAMILY, fontSize: 10.5, lineHeight: 1.2, color: '#1a1a1a' };

/** The looks of the definition's nodes, by name (see `look`); block styles share their names with BLOCK_STYLES. */
export const namedStyles = {
  paragraph: { margin: [0, 0, 0, 8] },
  heading1: { fontSize: 13, bold: true, margin: [0, 4, 0, 10] },
  heading2: { fontSize: 12, bold: true, color: BRAND, margin: [0, 8, 0, 6] },
  heading3: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 4] },
  list: { margin: [0, 0, 0, 8] },
  table: { fontSize: 8.5, lineHeight: 1.1, margin: [0, 2, 0, 10] },
  tableWide: { fontSize: 7.5 },
  tableHeader: { bold: true },
  link: { color: LINK, decoration: 'underline' },
} satisfies StyleDictionary;

/**
 * Every block style a template may use, with the look of the block and,
 * where it differs, of the bold runs inside it (the large "75%" and "9").
 * A Record over BlockStyle, so a style added to the model without a PDF
 * look does not compile.
 */
export const blockLooks: Record<BlockStyle, { block: Style; strong?: Style }> = {
  letterhead: { block: { fontSize: 17, bold: true, color: BRAND, characterSpacing: 0.3, margin: [0, 0, 0, 28] } },
  date: { block: { margin: [0, 0, 0, 14] } },
  address: { block: { margin: [0, 0, 0, 14] } },
  title: { block: { fontSize: 13, bold: true, margin: [0, 4, 0, 10] } },
  signoff: { block: { margin: [0, 0, 0, 8] } },
  figure: { block: { fontSize: 11, lineHeight: 1.05, margin: [0, 4, 0, 12] }, strong: { fontSize: 32, bold: true, color: BRAND } },
  lead: { block: { fontSize: 12, margin: [0, 4, 0, 8] }, strong: { fontSize: 26, bold: true, color: BRAND } },
  small: { block: { fontSize: 8.5, color: MUTED, margin: [0, 0, 0, 6] } },
  notes: { block: { fontSize: 8.5, color: MUTED, margin: [0, 0, 0, 6] } },
};

export type StyleName = keyof typeof namedStyles | BlockStyle;

/**
 * The named styles, merged in order into a new object to spread on a node.
 * pdfmake could look them up by name (`style: 'table'`), but then it searches
 * its style dictionary for each of some twenty properties of every word,
 * allocating as it goes: that was two fifths of all a letter allocated. Set
 * on the node, each property is one read. New arrays too: pdfmake keeps a
 * node's margin array as its own.
 */
export function look(...names: StyleName[]): Style {
  const merged: Style = {};
  for (const name of names) {
    const style: Style = name in namedStyles ? namedStyles[name as keyof typeof namedStyles] : blockLooks[name as BlockStyle].block;
    Object.assign(merged, style);
  }
  if (Array.isArray(merged.margin)) merged.margin = [...merged.margin] as Style['margin'];
  return merged;
}

/** Thin rules between all cells: the published tables are ruled grids. */
export const tableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => TABLE_RULE,
  vLineColor: () => TABLE_RULE,
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};
