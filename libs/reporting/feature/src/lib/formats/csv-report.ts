import type { ReportCell, ReportHeading, ReportSectionTable } from '../generation/report-content';

/** Characters that make a spreadsheet read a cell as a formula (CSV injection); tab and CR start DDE payloads too. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: numbers as they are (a negative number is data, not a formula), text that a spreadsheet
 * would evaluate prefixed with an apostrophe, then quoted when it holds a comma, quote or line break.
 */
export function csvCell(cell: ReportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
