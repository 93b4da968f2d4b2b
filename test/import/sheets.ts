import ExcelJS from 'exceljs';

/** A cell as a test writes it: a value, or a value with a number format or a formula with its cached result. */
export type TestCell = string | number | boolean | null | { value: number; format: string } | { formula: string; result: number };

/** Writes an .xlsx workbook made with exceljs: one sheet per entry, rows of cells. */
export async function xlsxBytes(sheets: Record<string, TestCell[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        if (cell === null) return;
        const target = sheet.getCell(r + 1, c + 1);
        if (typeof cell === 'object' && 'format' in cell) {
          target.value = cell.value;
          target.numFmt = cell.format;
        } else if (typeof cell === 'object') target.value = { formula: cell.formula, result: cell.result };
        else target.value = cell;
      });
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads an .xlsx file back: each sheet's rows of shown values. */
export async function xlsxRows(bytes: Buffer): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const result: Record<string, unknown[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    result[sheet.name] = rows;
  }
  return result;
}
