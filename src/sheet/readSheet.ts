import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { LettersError, UsageError, type Problem } from '../errors.js';

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
}

export type SheetFormat = 'xlsx' | 'csv';

/** `.xlsx` or `.csv`, by the file's extension; anything else is wrong usage. */
export function sheetFormat(file: string): SheetFormat {
  const extension = extname(file).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv') return 'csv';
  throw new UsageError(`${file}: spreadsheets are read from .xlsx or .csv files (got "${extension || 'no extension'}")`);
}

export async function readSheet(file: string, sheetName?: string): Promise<Sheet> {
  const format = sheetFormat(file);
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${file} cannot be read (${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)})`);
  });
  if (format === 'csv') {
    if (sheetName !== undefined) throw new UsageError(`--sheet names a sheet of an .xlsx file; ${file} is a CSV file`);
    return readCsv(file, bytes);
  }
  return readXlsx(file, bytes, sheetName);
}

async function readCsv(file: string, bytes: Buffer): Promise<Sheet> {
  const { parse } = await import('csv-parse/sync');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as typeof records;
  } catch (error) {
    const where = error as { lines?: number; message: string };
    throw new LettersError(`${file}:${where.lines ?? 1}  is not a readable CSV file (${where.message})`);
  }
  // A quoted cell may hold line breaks: a record starts on the line after the one before it ends.
  const lines = records.map((_, index) => (index === 0 ? 1 : records[index - 1]!.info.lines + 1));
  return {
    rows: records.map(({ record }) => record.map((value) => ({ value, percent: false }))),
    at: (row, column) => ({ file, line: lines[row] ?? row + 1, column: column + 1 }),
    ref: (row) => `line ${lines[row] ?? row + 1}`,
  };
}

async function readXlsx(file: string, bytes: Buffer, sheetName?: string): Promise<Sheet> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new LettersError(`${file}  is not a readable .xlsx workbook (${(error as Error).message})`);
  }
  const names = workbook.worksheets.map((sheet) => sheet.name);
  const worksheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!worksheet) {
    if (sheetName === undefined) throw new LettersError(`${file}  has no sheets`);
    throw new UsageError(`${file} has no sheet "${sheetName}" (its sheets: ${names.map((name) => `"${name}"`).join(', ')})`);
  }
  const rows: SheetCell[][] = [];
  for (let r = 1; r <= worksheet.rowCount; r += 1) {
    const row = worksheet.getRow(r);
    const cells: SheetCell[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) {
      const cell = row.getCell(c);
      cells.push({ value: shownValue(cell.value), percent: isPercentFormat(cell.numFmt) });
    }
    rows.push(cells);
  }
  const name = worksheet.name;
  const ref = (row: number, column: number) => `${quoteSheet(name)}!${columnLetters(column)}${row + 1}`;
  return { rows, at: (row, column) => ({ file: `${file}:${ref(row, column)}` }), ref };
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
