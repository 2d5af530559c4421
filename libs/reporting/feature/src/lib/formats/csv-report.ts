import { csvTextCell } from '../export/csv-cells';
import type { ReportCell, ReportHeading, ReportSectionTable } from '../generation/report-content';

/**
 * One CSV cell: numbers as they are (a negative number is data, not a formula); text neutralised against
 * spreadsheet formulas and quoted as the export writes it.
 */
export function csvCell(cell: ReportCell): string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return csvTextCell(cell);
}

export function csvLine(cells: readonly ReportCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * The report as CSV, one chunk per section as each is answered: a heading block (report, range, zone),
 * then per section a blank line, a `# <title>` line, its header row and its rows.
 */
export async function* csvReport(heading: ReportHeading, sections: AsyncIterable<ReportSectionTable>): AsyncGenerator<string> {
  yield csvLine(['report', heading.name]) +
    csvLine(['type', heading.type]) +
    csvLine(['from', heading.from]) +
    csvLine(['to', heading.to]) +
    csvLine(['timeZone', heading.timeZone]) +
    csvLine(['generatedAt', heading.generatedAt.toISOString()]);
  for await (const section of sections) {
    let block = `\r\n${csvLine([`# ${section.title}`])}${csvLine(section.columns)}`;
    for (const row of section.rows) block += csvLine(row);
    yield block;
  }
}
