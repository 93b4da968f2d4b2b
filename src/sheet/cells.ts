import { authorityType } from './authorityTypes.js';
import type { FieldKind } from './columns.js';
import type { SheetCell } from './readSheet.js';

/**
 * Non-breaking spaces count as spaces; runs of space and line breaks become
 * one space. A cell that starts with a tab or a carriage return is left as
 * it is: that is how a formula is hidden from a spreadsheet, and stripping it
 * would store the formula; validation refuses the character, by cell.
 */
export function cellText(value: string): string {
  return /^[ \u00a0]*[\t\r]/.test(value) ? value : collapsedSpaces(value);
}

/** Runs of spaces, non-breaking spaces and line breaks as one space, none at the ends: how a header or a blank cell is compared. */
export function collapsedSpaces(value: string): string {
  return value.replace(/[\s\u00a0]+/g, ' ').trim();
}

export function isBlank(cell: SheetCell | undefined): boolean {
  return cell === undefined || cell.value === null || (typeof cell.value === 'string' && collapsedSpaces(cell.value) === '');
}

/**
 * A cell's value for a field of this kind, read the way people fill cells in:
 * numbers typed as text, thousands separators, percentages (a cell formatted
 * as a percentage holds 0.75 for 75%). Anything that is not what the field
 * takes is passed on as it is, for validation to say what is wrong with it
 * at the cell: never turned into a number it might not be.
 */
export function fieldValue(cell: SheetCell, kind: FieldKind): unknown {
  const { value } = cell;
  switch (kind) {
    case 'count':
      if (typeof value === 'number') return cell.percent ? roundOff(value * 100) : value;
      return typeof value === 'string' ? (numberIn(value) ?? cellText(value)) : value;
    case 'rate': {
      // A rate as a percentage cell shows it (=E4/D4 holding 0.333333333, shown as 33%), to the whole percent the letter gives: the counts then check it.
      if (typeof value === 'number') return cell.percent ? halfUp(value * 100) : value;
      if (typeof value !== 'string') return value;
      const number = numberIn(value);
      return number === undefined ? cellText(value) : collapsedSpaces(value).endsWith('%') ? halfUp(number) : number;
    }
    case 'text':
      return typeof value === 'string' ? cellText(value) : String(value);
    case 'addresses':
      // Read into entries where the row's changes are made: a wrong one is the cell's problem.
      return typeof value === 'string' ? cellText(value) : String(value);
    case 'type':
      return authorityType(String(value)) ?? cellText(String(value));
    case 'yes-no':
      return typeof value === 'boolean' ? value : (yesNo(String(value)) ?? cellText(String(value)));
  }
}

/** "1,234", " 12 ", "75%" → the number written; undefined when the text is not a number. */
function numberIn(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0]+/g, '');
  const match = /^(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)%?$/.exec(compact);
  return match ? Number(match[1]!.replace(/,/g, '')) : undefined;
}

/** 0.57 * 100 is 56.99999999999999 in floating point: the shown percentage is 57. */
function roundOff(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

export /** To a whole number, a half up, as percent() rounds a rate; 12.5 from 0.125 × 100 is 12.5 exactly. */
function halfUp(value: number): number {
  return Math.floor(roundOff(value) + 0.5);
}

export function yesNo(text: string): boolean | undefined {
  const word = cellText(text).toLowerCase();
  if (['yes', 'y', 'true'].includes(word)) return true;
  if (['no', 'n', 'false'].includes(word)) return false;
  return undefined;
}
