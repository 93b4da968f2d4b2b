import ExcelJS from 'exceljs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** A cell as a test writes it: a value, or a value with a number format or a formula with its cached result. */
export type TestCell = string | number | boolean | null | { value: number; format: string } | { formula: string; result?: number; format?: string };

/** Writes an .xlsx workbook made with exceljs: one sheet per entry, rows of cells; the sheets named `hidden` hidden. */
export async function xlsxBytes(sheets: Record<string, TestCell[][]>, options: { hidden?: string[] } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name, { state: options.hidden?.includes(name) ? 'hidden' : 'visible' });
    rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        if (cell === null) return;
        const target = sheet.getCell(r + 1, c + 1);
        if (typeof cell === 'object' && 'formula' in cell) {
          target.value = { formula: cell.formula, result: cell.result };
          if (cell.format !== undefined) target.numFmt = cell.format;
        } else if (typeof cell === 'object') {
          target.value = cell.value;
          target.numFmt = cell.format;
        }
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

/**
 * A zip bomb shaped as an .xlsx file: one worksheet part of `megabytes` MB
 * of zeros, deflated, stated truly in its headers. The deflate stream is one
 * megabyte of zeros compressed once and repeated (each block flushed to
 * stand alone), so making it takes no time and little memory. With
 * `statedSize`, its headers lie about the size it inflates to.
 */
export function zipBomb(megabytes: number, options: { statedSize?: number } = {}): Buffer {
  const megabyte = Buffer.alloc(1024 * 1024);
  const block = deflateRawSync(megabyte, { flush: constants.Z_FULL_FLUSH, finishFlush: constants.Z_FULL_FLUSH });
  const data = Buffer.concat([...Array.from({ length: megabytes }, () => block), deflateRawSync(Buffer.alloc(0))]);
  let crc = 0;
  for (let i = 0; i < megabytes; i += 1) crc = crc32(megabyte, crc);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const size = options.statedSize ?? megabytes * megabyte.length;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(0x21, 12);
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(0x21, 14);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
