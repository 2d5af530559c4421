import { Workbook, type Worksheet } from 'exceljs';

/** The workbook exceljs reads back from an XLSX file. */
export async function readXlsx(file: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  // exceljs declares its own Buffer type (an ArrayBuffer); hand it the file's bytes as one.
  await workbook.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as plain values (row 1 first). */
export function sheetValues(sheet: Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
