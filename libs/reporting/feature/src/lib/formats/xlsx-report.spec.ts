import type { Workbook, Worksheet } from 'exceljs';
import { collectFile, HEADING, SECTIONS, sectionsOf, XSS } from '../../testing/report-tables';
import { readXlsx, sheetValues as values } from '../../testing/xlsx-reader';
import { xlsxReport } from './xlsx-report';

describe('xlsxReport', () => {
  let workbook: Workbook;
  beforeAll(async () => {
    workbook = await readXlsx(
      await collectFile(xlsxReport(HEADING, sectionsOf([...SECTIONS, { ...SECTIONS[3], title: 'Events per day' }]))),
    );
  });

  it('has a summary sheet first, then one sheet per section with safe, unique names', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary',
      'Events',
      'Orders',
      'Users by device',
      'Events per day',
      'Per day <script>alert("x")< scr',
      'Note',
      'Events per day (2)',
    ]);
  });

  it('heads the summary with the report and its range as dates, then the headline figures with their change', () => {
    const rows = values(workbook.getWorksheet('Summary') as Worksheet);
    expect(rows.slice(0, 6)).toEqual([
      ['Report', HEADING.name],
      ['Type', 'Executive summary'],
      ['From', new Date('2026-03-25T00:00:00Z')],
      ['To', new Date('2026-03-31T00:00:00Z')],
      ['Time zone', 'Europe/Berlin'],
      ['Generated (UTC)', new Date('2026-04-01T06:00:00Z')],
    ]);
    const march18 = new Date('2026-03-18T00:00:00Z');
    const march24 = new Date('2026-03-24T00:00:00Z');
    expect(rows.slice(7)).toEqual([
      ['Figure', 'Value', 'Previous period', 'Change', 'Change %', 'Previous from', 'Previous to'],
      ['Events', 1250.5, 1000, 250.5, 0.2505, march18, march24],
      ['Orders', 2, 0, 2, undefined, march18, march24],
      ['Users by device — mobile', 30, 40, -10, -0.25, march18, march24],
      [`Users by device — ${XSS}`, 5, 5, 0, 0, march18, march24],
    ]);
    expect((workbook.getWorksheet('Summary') as Worksheet).getCell('E9').numFmt).toBe('0.00%');
  });

  it('writes each section with a frozen header row, numbers as numbers and days as dates', () => {
    const perDay = workbook.getWorksheet('Events per day') as Worksheet;
    expect(values(perDay)).toEqual([
      ['Day', 'Value'],
      [new Date('2026-03-25T00:00:00Z'), 2],
      [new Date('2026-03-26T00:00:00Z'), 0],
      [new Date('2026-03-27T00:00:00Z'), 3.5],
    ]);
    expect(perDay.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    expect(perDay.getRow(1).font?.bold).toBe(true);
    expect(perDay.views).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 1 })]);
    expect(values(workbook.getWorksheet('Users by device') as Worksheet)).toEqual([
      ['device', 'Value', 'Previous period', 'Change', 'Change %'],
      ['mobile', 30, 40, -10, -25],
      [XSS, 5, 5, 0, 0],
    ]);
  });

  it('keeps text that looks like a formula as text', () => {
    const note = workbook.getWorksheet('Note') as Worksheet;
    expect(note.getCell('A2').value).toBe(`Read me ${XSS}`);
    const formulaLike = workbook.worksheets.flatMap((sheet) => {
      const found: unknown[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => cell.formula && found.push(cell.formula)));
      return found;
    });
    expect(formulaLike).toEqual([]);
  });
});
