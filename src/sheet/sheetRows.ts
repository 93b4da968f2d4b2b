import { closest } from 'fastest-levenshtein';
import { visible } from '../validate/visible.js';
import { formatProblem, type Problem } from '../errors.js';
import { cellText, collapsedSpaces, fieldValue, isBlank, yesNo } from './cells.js';
import { normaliseHeader, type Column } from './columns.js';
import type { Sheet, SheetCell } from './readSheet.js';

/** A header row is looked for among the first rows: a title and a few notes may stand above it. */
const HEADER_SEARCH_ROWS = 50;
/** The name cell of a totals row: never an authority. */
const TOTALS = /^(grand )?totals?\b|\btotals?$|^all (authorities|councils)$/i;

/** One cell of a row for one column: blank, or the value read for its field. */
export interface RowCell {
  column: Column;
  /** Index of the sheet column, from 0. */
  index: number;
  blank: boolean;
  value?: unknown;
}

/** One authority's row. */
export interface SheetRow {
  /** Index of the sheet row, from 0. */
  row: number;
  name: string;
  cells: Map<string, RowCell>;
  /** The `Slug` cell, when the sheet has that column and the cell is filled in: which data file the row is. */
  slug?: { text: string; index: number };
  /** The `New` cell, when filled in: yes when the row is a new authority (no near match asked about). */
  markedNew?: { value: boolean | string; index: number };
}

/** Headers every year accepts besides its own columns: they say which file a row is, not what it holds. */
const SLUG_HEADER = 'slug';
const NEW_HEADER = 'new';

export interface ReadRows {
  rows: SheetRow[];
  problems: Problem[];
  /** What was read but not imported: ignored columns, a totals row. */
  notes: string[];
  /** Data rows read (totals row included, blank rows not). */
  read: number;
  skipped: number;
}

/** Finds the header row, matches its cells to the year's columns and reads every row below it. */
export function sheetRows(sheet: Sheet, columns: Column[]): ReadRows {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const byHeader = new Map<string, Column>();
  for (const column of columns) for (const header of column.headers) byHeader.set(normaliseHeader(header), column);
  const nameColumn = columns.find((column) => column.field === 'authority.name')!;
  const nameHeaders = new Set(nameColumn.headers.map(normaliseHeader));

  const headerRow = sheet.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((cells) => cells.some((cell) => typeof cell.value === 'string' && nameHeaders.has(normaliseHeader(cell.value))));
  if (headerRow < 0) {
    const message = `no header row: none of the first ${HEADER_SEARCH_ROWS} rows has a column headed ${nameColumn.headers.map((header) => `"${header}"`).join(' or ')}`;
    return { rows: [], problems: [{ severity: 'error', ...sheet.at(0, 0), message }], notes, read: 0, skipped: 0 };
  }

  const found = new Map<string, number>();
  const ignored: string[] = [];
  let slugIndex: number | undefined;
  let newIndex: number | undefined;
  sheet.rows[headerRow]!.forEach((cell, index) => {
    if (isBlank(cell)) return;
    const header = collapsedSpaces(String(cell.value));
    const column = byHeader.get(normaliseHeader(header));
    if (!column && normaliseHeader(header) === SLUG_HEADER) slugIndex ??= index;
    else if (!column && normaliseHeader(header) === NEW_HEADER) newIndex ??= index;
    else if (!column) ignored.push(header);
    else if (found.has(column.field)) {
      problems.push({ severity: 'error', ...sheet.at(headerRow, index), field: column.field, message: `a second column for ${column.field} (the first is ${sheet.ref(headerRow, found.get(column.field)!)}): remove one` });
    } else found.set(column.field, index);
  });
  if (ignored.length > 0) notes.push(`${where(sheet, headerRow, 0)}  columns ignored (no data field): ${ignored.map((header) => `"${visible(header)}"`).join(', ')}`);
  // The column meant is most likely one nobody claimed, and one whose header holds the words expected.
  const present = ignored.length > 0 ? ignored : sheet.rows[headerRow]!.filter((cell) => !isBlank(cell)).map((cell) => collapsedSpaces(String(cell.value)));
  for (const column of columns) {
    if (!column.required || found.has(column.field)) continue;
    const nearest = nearestHeader(column.headers[0]!, present);
    const hint = nearest !== undefined ? `; the nearest header present is "${visible(nearest)}"` : '';
    problems.push({ severity: 'error', ...sheet.at(headerRow, 0), field: column.field, message: `no column headed "${column.headers[0]}"${hint}` });
  }
  if (problems.length > 0) return { rows: [], problems, notes, read: 0, skipped: 0 };

  const rows: SheetRow[] = [];
  let read = 0;
  let skipped = 0;
  const nameIndex = found.get('authority.name')!;
  const countIndexes = columns.filter((column) => column.kind === 'count' && column.group === 'statistics' && found.has(column.field)).map((column) => found.get(column.field)!);
  const sums = new Map<number, number>();
  for (let row = headerRow + 1; row < sheet.rows.length; row += 1) {
    const cellsOfRow = sheet.rows[row]!;
    if (cellsOfRow.every((cell) => isBlank(cell))) continue;
    read += 1;
    const nameCell = cellsOfRow[nameIndex];
    const name = isBlank(nameCell) ? '' : cellText(String(nameCell!.value));
    const label = name !== '' ? name : cellsOfRow.map((cell) => (typeof cell.value === 'string' ? cellText(cell.value) : '')).find((text) => TOTALS.test(text));
    // A totals row says so in its name cell (or, with that blank, in another), or its figures are the sums of the rows above.
    if ((label !== undefined && TOTALS.test(label)) || (name === '' && isSumRow(cellsOfRow, sums))) {
      notes.push(`${where(sheet, row, nameIndex)}  ${label ? `"${visible(label)}"` : 'a row without a name whose figures are the sums of the rows above'} is a totals row: skipped`);
      skipped += 1;
      continue;
    }
    addTo(sums, cellsOfRow, countIndexes);
    const cells = new Map<string, RowCell>();
    for (const column of columns) {
      const index = found.get(column.field);
      if (index === undefined) continue;
      const cell = cellsOfRow[index];
      cells.set(column.field, isBlank(cell) ? { column, index, blank: true } : { column, index, blank: false, value: fieldValue(cell!, column.kind) });
    }
    const slugCell = slugIndex === undefined ? undefined : cellsOfRow[slugIndex];
    const newCell = newIndex === undefined ? undefined : cellsOfRow[newIndex];
    rows.push({
      row,
      name,
      cells,
      ...(isBlank(slugCell) ? {} : { slug: { text: cellText(String(slugCell!.value)), index: slugIndex! } }),
      ...(isBlank(newCell) ? {} : { markedNew: { value: typeof newCell!.value === 'boolean' ? newCell!.value : (yesNo(String(newCell!.value)) ?? cellText(String(newCell!.value))), index: newIndex! } }),
    });
  }
  return { rows, problems, notes, read, skipped };
}

/** `stats.xlsx:Sheet1!A9` or `stats.csv:9:1`, as problems are placed. */
function where(sheet: Sheet, row: number, column: number): string {
  return formatProblem({ severity: 'error', ...sheet.at(row, column), message: '' });
}

function nearestHeader(wanted: string, present: string[]): string | undefined {
  const words = normaliseHeader(wanted);
  const overlapping = present.filter((header) => normaliseHeader(header).includes(words) || words.includes(normaliseHeader(header)));
  const candidates = overlapping.length > 0 ? overlapping : present;
  return candidates.length > 0 ? closest(wanted, candidates) : undefined;
}

/** Adds the row's counts to the running sums of each statistics column. */
function addTo(sums: Map<number, number>, cells: SheetCell[], indexes: number[]): void {
  for (const index of indexes) {
    const value = isBlank(cells[index]) ? 0 : fieldValue(cells[index]!, 'count');
    sums.set(index, (sums.get(index) ?? 0) + (typeof value === 'number' ? value : 0));
  }
}

/** Whether every statistics count of the row is the sum of that column above it (and some are not 0). */
function isSumRow(cells: SheetCell[], sums: Map<number, number>): boolean {
  let figures = 0;
  for (const [index, sum] of sums) {
    if (isBlank(cells[index])) continue;
    if (fieldValue(cells[index]!, 'count') !== sum) return false;
    if (sum !== 0) figures += 1;
  }
  return figures > 0;
}
