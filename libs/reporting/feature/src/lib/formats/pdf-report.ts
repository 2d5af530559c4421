import type { ReportHeading, ReportSectionTable } from '../generation/report-content';
import { PDFDocument, SVGtoPDF } from './pdf-libraries';
import { drawPdfTable } from './pdf-table';
import { pdfText } from './pdf-text';
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

const MARGIN = 48;
const FIGURES_PER_ROW = 3;
const FIGURE_HEIGHT = 58;

/**
 * The report as a PDF, drawn in-process with pdfkit (no browser): the HTML page's content — title, range,
 * time zone, generation time, headline figures with their change, then each section as its chart (the same
 * SVG from `@pulse/charts`, drawn by svg-to-pdfkit) and its table, tables continued across pages. Fonts are
 * pdfkit's built-in Helvetica. Bytes are handed on after each section, so the file streams into the store.
 */
export async function* pdfReport(heading: ReportHeading, sections: AsyncIterable<ReportSectionTable>): AsyncGenerator<Buffer> {
  const tables: ReportSectionTable[] = [];
  for await (const section of sections) tables.push(section);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: pdfText(`${heading.name} ${heading.from} - ${heading.to}`),
      Subject: reportTypeLabel(heading.type),
      Creator: 'Pulse',
      CreationDate: heading.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const written = () => Buffer.concat(chunks.splice(0));

  drawTitle(doc, heading);
  const figures = headlineFigures(tables);
  if (figures.length) drawFigures(doc, figures);
  for (const section of tables) {
    drawSection(doc, section);
    if (chunks.length) yield written();
  }
  doc.end();
  await ended;
  yield written();
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page unless `height` still fits under the cursor. */
function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function drawTitle(doc: PDFKit.PDFDocument, heading: ReportHeading): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .fillColor('#111827')
    .text(pdfText(heading.name), { width: contentWidth(doc) });
  doc.moveDown(0.3);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#4b5563')
    .text(`${reportTypeLabel(heading.type)}  |  ${heading.from} - ${heading.to}  |  Time zone ${pdfText(heading.timeZone)}`)
    .text(`Generated ${heading.generatedAt.toISOString()}`);
  doc.moveDown(1);
}

function drawFigures(doc: PDFKit.PDFDocument, figures: HeadlineFigure[]): void {
  sectionHeading(doc, 'Headline figures');
  const gap = 10;
  const width = (contentWidth(doc) - gap * (FIGURES_PER_ROW - 1)) / FIGURES_PER_ROW;
  for (let start = 0; start < figures.length; start += FIGURES_PER_ROW) {
    ensureRoom(doc, FIGURE_HEIGHT + gap);
    const top = doc.y;
    figures.slice(start, start + FIGURES_PER_ROW).forEach((figure, column) => {
      const left = doc.page.margins.left + column * (width + gap);
      const colour = figure.change === null || figure.change === 0 ? '#4b5563' : figure.change > 0 ? '#047857' : '#b91c1c';
      doc.roundedRect(left, top, width, FIGURE_HEIGHT, 4).lineWidth(0.75).strokeColor('#e5e7eb').stroke();
      const text = (value: string, y: number, font: string, size: number, fill: string) =>
        doc
          .font(font)
          .fontSize(size)
          .fillColor(fill)
          .text(pdfText(value), left + 8, y, { width: width - 16, height: size * 1.2, lineBreak: false, ellipsis: true });
      text(figure.label, top + 6, 'Helvetica', 9, '#4b5563');
      text(formatCell(figure.value), top + 18, 'Helvetica-Bold', 16, '#111827');
      text(formatChange(figure), top + 36, 'Helvetica', 8.5, colour);
      text(previousPeriodLabel(figure), top + 46, 'Helvetica', 7.5, '#6b7280');
    });
    doc.y = top + FIGURE_HEIGHT + gap;
  }
  doc.x = doc.page.margins.left;
  doc.moveDown(0.5);
}

function sectionHeading(doc: PDFKit.PDFDocument, title: string): void {
  ensureRoom(doc, 60);
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .fillColor('#111827')
    .text(pdfText(title), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4);
}

function drawSection(doc: PDFKit.PDFDocument, section: ReportSectionTable): void {
  const chart = section.kind === 'text' ? null : sectionChart(section, { width: 640, height: 260 });
  // Keep a heading with its chart (or the first rows): never alone at the bottom of a page.
  ensureRoom(doc, 30 + (chart ? chartHeight(doc, chart) : 0) + 3 * 16);
  sectionHeading(doc, section.title);
  if (section.kind === 'text') {
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#1f2937')
      .text(pdfText(String(section.rows[0]?.[0] ?? '')), { width: contentWidth(doc) });
    doc.moveDown(1);
    return;
  }
  if (chart) drawChart(doc, chart);
  drawPdfTable(doc, {
    headings: section.columns.map(columnLabel),
    rows: section.rows,
    numeric: numericColumns(section),
  });
  doc.moveDown(1.2);
}

/** The section's SVG chart scaled to the page's width (its viewBox gives the proportions). */
function drawChart(doc: PDFKit.PDFDocument, svg: string): void {
  const width = contentWidth(doc);
  const height = chartHeight(doc, svg);
  ensureRoom(doc, height + 8);
  const top = doc.y;
  SVGtoPDF(doc, svg, doc.page.margins.left, top, {
    width,
    height,
    fontCallback: (_family, bold) => (bold ? 'Helvetica-Bold' : 'Helvetica'),
    warningCallback: () => undefined,
  });
  doc.x = doc.page.margins.left;
  doc.y = top + height + 8;
}

/** The chart's height at the page's width (its viewBox gives the proportions). */
function chartHeight(doc: PDFKit.PDFDocument, svg: string): number {
  const viewBox = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  const width = contentWidth(doc);
  return viewBox ? (width * Number(viewBox[2])) / Number(viewBox[1]) : width / 2;
}
