import { LettersError, UsageError } from '../errors.js';
import type { Sheet } from './readSheet.js';
import { SHEET_LIMITS } from './sheetLimits.js';

/** Separators a CSV file may use between cells, in the order a tie is settled. */
const SEPARATORS = [',', ';', '\t'] as const;
const SEPARATOR_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };
/** The header row is looked for among these first lines (as in sheetRows). */
const HEADER_LINES = 50;

/** A byte-order mark: UTF-8 with or without one is read. */
const BOM = '\uFEFF';

/**
 * A CSV file as a sheet. The bytes must be UTF-8, or in the encoding named
 * (`--encoding windows-1252`): nothing is guessed, since bytes read in the
 * wrong encoding would become wrong names without a word. The separator is
 * the one that makes the widest row among the first lines (the header row):
 * commas, semicolons (Excel where a comma is the decimal sign) or tabs.
 */
export async function readCsv(file: string, bytes: Buffer, encoding?: string): Promise<Sheet> {
  // UTF-8 named is still checked byte by byte: a decoder would put U+FFFD in place of a bad byte without a word.
  const utf8 = encoding === undefined || /^utf-?8$/i.test(encoding);
  const text = (utf8 ? utf8Text(file, bytes) : await decoded(file, bytes, encoding)).replace(/^\uFEFF/, '');
  const { parse } = await import('csv-parse/sync');
  type Records = { record: string[]; info: { lines: number } }[];
  // One row past the limit is read, for the limit to be reported: never the whole of a file of empty lines.
  const read = (delimiter: string, lines?: number) =>
    parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, info: true, ...(lines === undefined ? { to: SHEET_LIMITS.rows + 1 } : { to_line: lines }) }) as unknown as Records;
  const widest = (delimiter: string) => {
    try {
      return Math.max(0, ...read(delimiter, HEADER_LINES).map(({ record }) => record.length));
    } catch {
      return 0;
    }
  };
  const widths = SEPARATORS.map((delimiter) => ({ delimiter, width: widest(delimiter) }));
  const { delimiter } = widths.reduce((a, b) => (b.width > a.width ? b : a));
  let records: Records;
  try {
    records = read(delimiter);
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    throw new LettersError(`${file}:${lines ?? 1}  is not a readable CSV file: ${csvProblem(code)}`);
  }
  // A quoted cell may hold line breaks: a record starts on the line after the one before it ends.
  const lines = records.map((_, index) => (index === 0 ? 1 : records[index - 1]!.info.lines + 1));
  return {
    rows: records.map(({ record }) => record.map((value) => ({ value: unprotected(value), percent: false }))),
    at: (row, column) => ({ file, line: lines[row] ?? row + 1, column: column + 1 }),
    ref: (row) => `line ${lines[row] ?? row + 1}`,
    notes: delimiter === ',' ? [] : [`${file}  cells separated by ${SEPARATOR_NAMES[delimiter]} (found in the header row)`],
  };
}

/**
 * A value export wrote with a quote before it, so that a spreadsheet shows
 * it as text and never runs it as a formula (`'=SUM(A1)`), read back as the
 * value. See `protectedCell` in exportSheet.ts, which decides which values get one.
 */
export function unprotected(value: string): string {
  return value.startsWith("'") && needsProtection(value.slice(1)) ? value.slice(1) : value;
}

/**
 * Whether a spreadsheet opening a CSV file could take this text for a
 * formula (OWASP's list: `=`, `+`, `-`, `@`, a tab, a carriage return),
 * also behind quotes already there, so that adding and removing one quote
 * always gives back the value.
 */
export function needsProtection(value: string): boolean {
  return /^'*[=+\-@\t\r]/.test(value);
}

/** Files that are plainly not CSV text, by their first bytes, and what to do about each. */
const NOT_TEXT: { starts: number[]; message: string }[] = [
  { starts: [0x50, 0x4b, 0x03, 0x04], message: 'is a zip archive, as an .xlsx workbook is, not CSV text: give it the .xlsx extension if it is one' },
  { starts: [0xd0, 0xcf, 0x11, 0xe0], message: 'is an old-style .xls workbook (or a password-protected one), not CSV text: save it as .xlsx without a password, or as CSV UTF-8' },
  { starts: [0xff, 0xfe], message: 'is UTF-16 text (little-endian, as Excel\'s "Unicode text" is): read it with --encoding utf-16le, or save it as CSV UTF-8' },
  { starts: [0xfe, 0xff], message: 'is UTF-16 text (big-endian): read it with --encoding utf-16be, or save it as CSV UTF-8' },
];

/** The text of UTF-8 bytes, or an error naming the line and cell of the first byte that is not. */
function utf8Text(file: string, bytes: Buffer): string {
  const kind = NOT_TEXT.find(({ starts }) => starts.every((byte, index) => bytes[index] === byte));
  if (kind) throw new LettersError(`${file}  ${kind.message}`);
  // The byte-order mark kept, so that offsets in the text match the bytes.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
    const offset = Buffer.byteLength(text.slice(0, at));
    // U+FFFD written in the file is text like any other.
    if (bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd) continue;
    const before = text.slice(0, at).replace(/^\uFEFF/, '');
    const line = before.split('\n').length;
    const column = cellColumn(before.slice(before.lastIndexOf('\n') + 1));
    throw new LettersError(
      `${file}:${line}:${column}  is not UTF-8 text (byte 0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')}): save the sheet as "CSV UTF-8", or name the encoding it is in, e.g. --encoding windows-1252`,
    );
  }
  return text;
}

/** Which cell of its line the text before a character ends in (from 1), counting separators outside quotes. */
function cellColumn(lineBefore: string): number {
  let quoted = false;
  const counts = new Map<string, number>();
  for (const character of lineBefore.replace(BOM, '')) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (SEPARATORS as readonly string[]).includes(character)) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values()) + 1;
}

/** The bytes decoded from the encoding named; bytes that encoding has no character for are an error, as in UTF-8. */
async function decoded(file: string, bytes: Buffer, encoding: string): Promise<string> {
  const { default: iconv } = await import('iconv-lite');
  if (!iconv.encodingExists(encoding)) throw new UsageError(`--encoding ${encoding} is not an encoding known here (e.g. utf-8, windows-1252, iso-8859-1, utf-16le)`);
  const text = iconv.decode(bytes, encoding, { stripBOM: true });
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const before = text.slice(0, bad);
    const line = before.split('\n').length;
    throw new LettersError(`${file}:${line}:${cellColumn(before.slice(before.lastIndexOf('\n') + 1))}  holds bytes that are not ${encoding} text: is ${encoding} the encoding it is in?`);
  }
  return text;
}

/** csv-parse's reasons, in our words. */
function csvProblem(code: string | undefined): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (a " without its closing ")';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'a " stands inside a cell that is not quoted, or after a closing quote (write "" for a quote inside a quoted cell)';
    default:
      return 'its quotes and separators do not make rows of cells';
  }
}
