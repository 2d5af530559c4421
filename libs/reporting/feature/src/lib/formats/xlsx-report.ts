import { Workbook, type Worksheet } from 'exceljs';
import type { ReportCell, ReportHeading, ReportSectionTable } from '../generation/report-content';
import { columnLabel, headlineFigures, reportTypeLabel, type HeadlineFigure } from './report-presentation';
import { uniqueSheetName } from './xlsx-sheet-names';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Minute and hour buckets: the local wall clock with its offset (2026-03-29T03:00+02:00); the offset is dropped.
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:Z|[+-]\d{2}:\d{2})?$/;

/**
 * The report as an XLSX workbook (exceljs): a first "Summary" sheet with the heading and the headline
 * figures with their change, then one sheet per section with a bold header row frozen above typed cells —
 * numbers as numbers, the bucket column (`day`, `week`…) as dates. A workbook is a zip written at the end,
 * so the sections are gathered first; a report is at most 20 sections of at most a few thousand rows.
 */
export async function* xlsxReport(heading: ReportHeading, sections: AsyncIterable<ReportSectionTable>): AsyncGenerator<Buffer> {
  const tables: ReportSectionTable[] = [];
  for await (const section of sections) tables.push(section);
  const workbook = new Workbook();
  workbook.creator = 'Pulse';
  workbook.created = heading.generatedAt;
  workbook.modified = heading.generatedAt;
  workbook.title = heading.name;
  const names = new Set<string>(['Summary']);
  summarySheet(workbook.addWorksheet('Summary'), heading, headlineFigures(tables));
  tables.forEach((section, index) => {
    const name = uniqueSheetName(section.title, names, `Section ${index + 1}`);
    names.add(name);
    sectionSheet(workbook.addWorksheet(name), section);
  });
  yield Buffer.from(await workbook.xlsx.writeBuffer());
}

function summarySheet(sheet: Worksheet, heading: ReportHeading, figures: HeadlineFigure[]): void {
  sheet.addRows([
    ['Report', heading.name],
    ['Type', reportTypeLabel(heading.type)],
    ['From', localDate(heading.from)],
    ['To', localDate(heading.to)],
    ['Time zone', heading.timeZone],
    ['Generated (UTC)', heading.generatedAt],
    [],
  ]);
  for (const row of [3, 4]) sheet.getCell(row, 2).numFmt = 'yyyy-mm-dd';
  sheet.getCell(6, 2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  const header = sheet.addRow(['Figure', 'Value', 'Previous period', 'Change', 'Change %', 'Previous from', 'Previous to']);
  header.font = { bold: true };
  for (const figure of figures) {
    const row = sheet.addRow([
      figure.label,
      figure.value,
      figure.previous,
      figure.change,
      figure.changePercent === null ? null : figure.changePercent / 100,
      figure.previousPeriod ? localDate(figure.previousPeriod.from) : null,
      figure.previousPeriod ? localDate(figure.previousPeriod.to) : null,
    ]);
    row.getCell(5).numFmt = '0.00%';
    row.getCell(6).numFmt = 'yyyy-mm-dd';
    row.getCell(7).numFmt = 'yyyy-mm-dd';
  }
  sheet.getColumn(1).width = 36;
  for (const column of [2, 3, 4, 5, 6, 7]) sheet.getColumn(column).width = 16;
  sheet.getColumn(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: header.number }];
}

function sectionSheet(sheet: Worksheet, section: ReportSectionTable): void {
  sheet.addRow(section.columns.map(columnLabel)).font = { bold: true };
  const bucketColumn = dateColumnOf(section);
  for (const cells of section.rows) {
    const row = sheet.addRow(cells.map((cell, column) => (column === bucketColumn ? bucketCell(cell) : cell)));
    const bucket = cells[bucketColumn];
    if (bucketColumn >= 0 && typeof bucket === 'string') {
      if (LOCAL_DATE.test(bucket)) row.getCell(bucketColumn + 1).numFmt = 'yyyy-mm-dd';
      else if (LOCAL_DATE_TIME.test(bucket)) row.getCell(bucketColumn + 1).numFmt = 'yyyy-mm-dd hh:mm';
    }
  }
  section.columns.forEach((column, index) => {
    const longest = Math.max(columnLabel(column).length, ...section.rows.slice(0, 200).map((row) => String(row[index] ?? '').length));
    sheet.getColumn(index + 1).width = section.kind === 'text' ? 100 : Math.min(60, Math.max(10, longest + 2));
  });
  if (section.kind === 'text') sheet.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
}

/** The column written as dates: a metric query's bucket (after its groups), a daily domain table's day, a retention cohort. */
function dateColumnOf(section: ReportSectionTable): number {
  if (section.kind !== 'chart' && section.kind !== 'table') return -1;
  if (section.chart === undefined) return section.groupColumns ?? -1;
  if (section.chart.type === 'retention') return section.columns.indexOf('cohort');
  return section.chart.type === 'lines' ? section.columns.indexOf(section.chart.xColumn) : -1;
}

/**
 * A bucket label as a spreadsheet date: local dates and times stay as they read (Excel dates have no
 * zone; the sheet is in the report's time zone); other labels ("2026-Q1") stay text.
 */
function bucketCell(cell: ReportCell): ReportCell | Date {
  if (typeof cell !== 'string') return cell;
  const time = LOCAL_DATE_TIME.exec(cell);
  if (time) return new Date(Date.UTC(+time[1], +time[2] - 1, +time[3], +time[4], +time[5], +(time[6] ?? 0)));
  return LOCAL_DATE.test(cell) ? localDate(cell) : cell;
}

/** A local date as the Date exceljs writes as that calendar day (its UTC midnight). */
function localDate(text: string): Date {
  const [year, month, day] = text.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}
