import { extname } from 'node:path';
import { formatProblem, LettersError, UsageError, type Problem } from '../errors.js';
import { readCsv } from './readCsv.js';
import { readSheetFile, SHEET_LIMITS } from './sheetLimits.js';
import { checkZipParts } from './zipParts.js';

/** A cell as read: its shown value (a formula's cached result) and whether it is formatted as a percentage. */
export interface SheetCell {
  value: string | number | boolean | null;
  percent: boolean;
}

/** One sheet of a spreadsheet, as rows of cells, and how to name a cell in a message. */
export interface Sheet {
  rows: SheetCell[][];
  /** Where a cell is, for a Problem: `stats.xlsx:Sheet1!E7`, or `stats.csv` line 7, column 5 (row and column from 0). */
  at(row: number, column: number): Pick<Problem, 'file' | 'line' | 'column'>;
  /** `Sheet1!E7` or `7:5`: the short form, for notes naming another cell. */
  ref(row: number, column: number): string;
  /** What was noticed in reading it, for the user: a CSV file's separator. */
  notes?: string[];
}

export type SheetFormat = 'xlsx' | 'csv';

/** `.xlsx` or `.csv`, by the file's extension; anything else is wrong usage. */
export function sheetFormat(file: string): SheetFormat {
  const extension = extname(file).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv') return 'csv';
  throw new UsageError(`${file}: spreadsheets are read from .xlsx or .csv files (got "${extension || 'no extension'}")`);
}

export async function readSheet(file: string, options: { sheet?: string; encoding?: string } = {}): Promise<Sheet> {
  const format = sheetFormat(file);
  if (format === 'csv' && options.sheet !== undefined) throw new UsageError(`--sheet names a sheet of an .xlsx file; ${file} is a CSV file`);
  if (format === 'xlsx' && options.encoding !== undefined) throw new UsageError(`--encoding names the encoding of a CSV file; ${file} is an .xlsx workbook (always Unicode)`);
  const bytes = await readSheetFile(file);
  const sheet = format === 'csv' ? await readCsv(file, bytes, options.encoding) : await readXlsx(file, bytes, options.sheet);
  checkSize(sheet);
  return sheet;
}

/** Rows, columns and cells within the limits: the same for both formats. */
function checkSize(sheet: Sheet): void {
  const { rows, columns, cellLength } = SHEET_LIMITS;
  const where = (row: number, column: number) => formatProblem({ severity: 'error', ...sheet.at(row, column), message: '' });
  if (sheet.rows.length > rows) throw new LettersError(`${where(rows, 0)}  the sheet has more rows than the ${rows} a sheet may have`);
  sheet.rows.forEach((cells, row) => {
    if (cells.length > columns) throw new LettersError(`${where(row, columns)}  this row has ${cells.length} cells, more than a sheet may have (${columns} columns)`);
    cells.forEach((cell, column) => {
      if (typeof cell.value === 'string' && cell.value.length > cellLength) throw new LettersError(`${where(row, column)}  this cell holds ${cell.value.length} characters, more than a cell may (${cellLength})`);
    });
  });
}

async function readXlsx(file: string, bytes: Buffer, sheetName?: string): Promise<Sheet> {
  await checkZipParts(file, bytes);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    // The reader's own words name its internals, not the file: say what the file is not.
    throw new LettersError(`${file}  is not a readable .xlsx workbook: its parts are not those of an Excel workbook (was it saved as another format?)`);
  }
  const names = workbook.worksheets.map((sheet) => sheet.name);
  // By default the first sheet a person sees: a hidden one is no one's figures.
  const worksheet = sheetName === undefined ? (workbook.worksheets.find((sheet) => sheet.state === 'visible') ?? workbook.worksheets[0]) : workbook.getWorksheet(sheetName);
  if (!worksheet) {
    if (sheetName === undefined) throw new LettersError(`${file}  has no sheets`);
    throw new UsageError(`${file} has no sheet "${sheetName}" (its sheets: ${names.map((name) => `"${name}"`).join(', ')})`);
  }
  const name = worksheet.name;
  const ref = (row: number, column: number) => `${quoteSheet(name)}!${columnLetters(column)}${row + 1}`;
  // Checked before the rows are made: one far-off cell (XFD1048576) would otherwise make a million of them.
  if (worksheet.rowCount > SHEET_LIMITS.rows) throw new LettersError(`${file}:${ref(worksheet.rowCount - 1, 0)}  the sheet goes down to row ${worksheet.rowCount}, more than a sheet may have (${SHEET_LIMITS.rows} rows)`);
  const rows: SheetCell[][] = [];
  const unsaved: Problem[] = [];
  for (let r = 1; r <= worksheet.rowCount; r += 1) {
    const row = worksheet.getRow(r);
    if (row.cellCount > SHEET_LIMITS.columns) throw new LettersError(`${file}:${ref(r - 1, row.cellCount - 1)}  this row goes as far as column ${columnLetters(row.cellCount - 1)}, more than a sheet may have (${SHEET_LIMITS.columns} columns)`);
    const cells: SheetCell[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) {
      const cell = row.getCell(c);
      if (isUnsavedFormula(cell.value)) {
        // Read as blank, it would be a missing figure, or no statistics at all.
        const formula = (cell.value as { formula?: string }).formula;
        unsaved.push({ severity: 'error', file: `${file}:${ref(r - 1, c - 1)}`, message: `holds a formula${formula ? ` (=${formula})` : ''} with no saved result: open the file in a spreadsheet program and save it, or type the value` });
      }
      cells.push({ value: shownValue(cell.value), percent: isPercentFormat(cell.numFmt) });
    }
    rows.push(cells);
  }
  if (unsaved.length > 0) throw new LettersError(`${file}  was saved without the results of its formulas: nothing read`, unsaved);
  return { rows, at: (row, column) => ({ file: `${file}:${ref(row, column)}` }), ref };
}

/** A formula whose result the file does not hold: written by a program that does not compute formulas. */
function isUnsavedFormula(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const object = value as { result?: unknown; formula?: string; sharedFormula?: string };
  return (object.formula !== undefined || object.sharedFormula !== undefined) && (object.result === undefined || object.result === null);
}

/** What a cell shows: a formula's cached result, rich text as its text, a date as yyyy-mm-dd. */
function shownValue(value: unknown): SheetCell['value'] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const object = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string; formula?: string; sharedFormula?: string };
  if (object.formula !== undefined || object.sharedFormula !== undefined) return shownValue(object.result);
  if (object.richText) return object.richText.map((run) => run.text).join('');
  if (object.error !== undefined) return object.error;
  if (object.text !== undefined) return shownValue(object.text);
  return String(value);
}

/** 0 → A, 25 → Z, 26 → AA */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `0%`, `0.0%`: a percent sign that scales the number; one in quotes or after a backslash (`0"%"`) is only shown. */
function isPercentFormat(format: unknown): boolean {
  return typeof format === 'string' && format.replace(/"[^"]*"|\\./g, '').includes('%');
}
