import { LettersError } from '../errors.js';
import { findDataFiles } from '../load/dataFiles.js';
import { readYamlFile } from '../load/yamlFile.js';
import { yearsWithTemplates, loadYear } from '../load/yearTemplates.js';
import { valueAt } from '../validate/schemaProblems.js';
import { validateAuthority } from '../validate/validateAuthority.js';
import { authorityTypeWords } from './authorityTypes.js';
import { yearColumns } from './columns.js';
import { writeCopies, type Copy } from './copiesCell.js';
import { needsProtection } from './readCsv.js';
import type { SheetFormat } from './readSheet.js';

export interface ExportedSheet {
  headers: string[];
  /** One row per authority, by name: a value per column, null where the file gives none. */
  rows: (string | number | boolean | null)[][];
}

/**
 * Every data file of a year as one row per authority, in the columns import
 * reads. The values are those written in the files (a default the schema
 * fills in is not), so importing the sheet again changes nothing.
 */
export async function exportYear(options: { year: string; dataDir: string; templatesDir: string }): Promise<ExportedSheet> {
  await yearsWithTemplates(options.templatesDir, options.year);
  const year = await loadYear(options.templatesDir, options.year);
  const columns = yearColumns(year);
  const found = await findDataFiles(options.dataDir);
  const problems = found.problems.filter((problem) => problem.file?.includes(options.year));
  const values: unknown[] = [];
  for (const file of found.files.filter((entry) => entry.year === options.year)) {
    const yaml = readYamlFile(file.file);
    const checked = validateAuthority(yaml, year.config);
    problems.push(...checked.problems);
    if (checked.record) values.push(yaml.value);
  }
  if (problems.length > 0) throw new LettersError(`nothing exported: ${problems.length === 1 ? 'a data file is' : 'data files are'} not valid (\`letters validate --year ${options.year}\`)`, problems);
  const name = (value: unknown) => String(valueAt(value, ['authority', 'name']));
  values.sort((a, b) => name(a).localeCompare(name(b), 'en-GB'));
  return {
    headers: columns.map((column) => column.headers[0]!),
    rows: values.map((value) =>
      columns.map((column) => {
        const cell = valueAt(value, column.path);
        if (cell === undefined || cell === null) return null;
        if (column.kind === 'type') return authorityTypeWords(String(cell));
        if (column.kind === 'addresses') return (cell as Copy[]).length === 0 ? null : writeCopies(cell as Copy[]);
        return cell as string | number | boolean;
      }),
    ),
  };
}

/**
 * Text a spreadsheet would take for a formula (`=HYPERLINK(…)`, `-2+3`,
 * `@SUM(…)`), written to CSV behind a quote, which Excel and LibreOffice
 * show as text and import removes again (OWASP's advice against CSV
 * injection). Numbers are written as numbers, a negative one too: a number
 * cell is never a formula. .xlsx cells need none: a string cell is a string.
 */
function protectedCell(text: string): string {
  return needsProtection(text) ? `'${text}` : text;
}

/** The sheet as the bytes of an .xlsx or .csv file. */
export async function sheetBytes(sheet: ExportedSheet, format: SheetFormat, sheetName: string): Promise<Uint8Array | string> {
  if (format === 'csv') {
    const { stringify } = await import('csv-stringify/sync');
    const rows = sheet.rows.map((row) => row.map((cell) => (typeof cell === 'boolean' ? (cell ? 'yes' : 'no') : typeof cell === 'string' ? protectedCell(cell) : cell)));
    return stringify([sheet.headers, ...rows]);
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // No clock in the file: the same data gives the same workbook.
  workbook.created = workbook.modified = new Date(0);
  const worksheet = workbook.addWorksheet(sheetName);
  worksheet.addRow(sheet.headers).font = { bold: true };
  for (const row of sheet.rows) worksheet.addRow(row);
  worksheet.columns.forEach((column, index) => (column.width = Math.max(12, Math.min(40, sheet.headers[index]!.length + 2))));
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
