import { escapeXml as escapeHtml } from '@pulse/charts';
import type { ReportCell, ReportHeading, ReportSectionTable } from '../generation/report-content';
import {
  columnLabel,
  formatCell,
  formatChange,
  headlineFigures,
  numericColumns,
  previousPeriodLabel,
  reportTypeLabel,
  type HeadlineFigure,
} from './report-presentation';
import { sectionChart } from './section-chart';

const STYLE = `
body{margin:0;background:#f9fafb;color:#1f2937;font:14px/1.5 Helvetica,Arial,sans-serif}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:0 0 12px}
.meta{display:flex;flex-wrap:wrap;gap:4px 24px;margin:0 0 24px;color:#4b5563}.meta dt{font-weight:bold}.meta dd{margin:0 0 0 6px}
.meta div{display:flex}
section{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:16px 20px;margin:0 0 20px}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px}
.figure{border:1px solid #e5e7eb;border-radius:6px;padding:10px 12px}
.figure .label{color:#4b5563}.figure .value{font-size:24px;font-weight:bold}
.change{font-size:13px}.up{color:#047857}.down{color:#b91c1c}.flat{color:#4b5563}
figure{margin:0 0 12px}figure svg{width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border-bottom:1px solid #e5e7eb;text-align:left}.number{text-align:right}
.text{white-space:pre-wrap}
`;

/**
 * The report as one self-contained HTML page: no script, no external resource (a Content-Security-Policy
 * forbids them), inline CSS and inline SVG charts. Title, range, time zone and generation time; the
 * headline figures (metric sections) with their change against the previous period; then every section
 * as a table, charts and tables also drawn. Every text from the report or its data is escaped.
 * The page needs the headline figures first, so the sections are gathered before it is written.
 */
export async function* htmlReport(heading: ReportHeading, sections: AsyncIterable<ReportSectionTable>): AsyncGenerator<string> {
  const tables: ReportSectionTable[] = [];
  for await (const section of sections) tables.push(section);
  const title = `${heading.name} — ${heading.from} to ${heading.to}`;
  yield '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>` +
    `<header><h1>${escapeHtml(heading.name)}</h1>${metaList(heading)}</header>`;
  const figures = headlineFigures(tables);
  if (figures.length) yield headlineSection(figures);
  for (const [index, section] of tables.entries()) yield sectionHtml(section, index);
  yield '</main></body></html>\n';
}

function metaList(heading: ReportHeading): string {
  const entries: Array<[string, string, string]> = [
    ['type', 'Report', reportTypeLabel(heading.type)],
    ['from', 'From', heading.from],
    ['to', 'To', heading.to],
    ['timeZone', 'Time zone', heading.timeZone],
    ['generatedAt', 'Generated', heading.generatedAt.toISOString()],
  ];
  const items = entries.map(([key, label, value]) => `<div data-field="${key}"><dt>${label}</dt><dd>${escapeHtml(value)}</dd></div>`);
  return `<dl class="meta">${items.join('')}</dl>`;
}

function headlineSection(figures: HeadlineFigure[]): string {
  const cards = figures.map((figure) => {
    const direction = figure.change === null || figure.change === 0 ? 'flat' : figure.change > 0 ? 'up' : 'down';
    const arrow = direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : '';
    return (
      `<div class="figure"><div class="label">${escapeHtml(figure.label)}</div>` +
      `<div class="value"${dataValue(figure.value)}>${escapeHtml(formatCell(figure.value))}</div>` +
      `<div class="change ${direction}"${dataValue(figure.changePercent, 'data-change-percent')}${dataValue(figure.previous, 'data-previous')}>` +
      `${arrow}${escapeHtml(formatChange(figure))} <span class="flat">${escapeHtml(previousPeriodLabel(figure))}</span></div></div>`
    );
  });
  return `<section class="headline"><h2>Headline figures</h2><div class="figures">${cards.join('')}</div></section>`;
}

function sectionHtml(section: ReportSectionTable, index: number): string {
  const heading = `<h2>${escapeHtml(section.title)}</h2>`;
  const open = `<section class="report-section" id="section-${index + 1}" data-kind="${escapeHtml(section.kind)}">`;
  if (section.kind === 'text') {
    return `${open}${heading}<p class="text">${escapeHtml(String(section.rows[0]?.[0] ?? ''))}</p></section>`;
  }
  const chart = sectionChart(section, { width: 880, height: 280 });
  const numeric = numericColumns(section);
  const head = section.columns
    .map((column, index) => `<th scope="col"${numeric[index] ? ' class="number"' : ''}>${escapeHtml(columnLabel(column))}</th>`)
    .join('');
  const rows = section.rows.map((row) => `<tr>${row.map(cellHtml).join('')}</tr>`).join('');
  return `${open}${heading}${chart ? `<figure>${chart}</figure>` : ''}<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** Numbers keep their exact value in `data-value` (the cell shows at most 2 decimals). */
function cellHtml(cell: ReportCell): string {
  const numeric = typeof cell === 'number';
  return `<td${numeric ? ` class="number"${dataValue(cell)}` : ''}>${escapeHtml(formatCell(cell))}</td>`;
}

function dataValue(value: ReportCell, attribute = 'data-value'): string {
  return typeof value === 'number' && Number.isFinite(value) ? ` ${attribute}="${value}"` : '';
}
