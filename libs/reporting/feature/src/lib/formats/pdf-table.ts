import type { ReportCell } from '../generation/report-content';
import { pdfText } from './pdf-text';
import { formatCell } from './report-presentation';

const ROW_HEIGHT = 16;
const FONT_SIZE = 9;

export interface PdfTableInput {
  headings: string[];
  rows: ReportCell[][];
  /** Columns written right-aligned (numbers). */
  numeric: boolean[];
}

/**
 * A table at the document's cursor, continued on new pages as needed with its header repeated.
 * Cells are cut to their column with an ellipsis rather than wrapped, so every row is one line high.
 */
export function drawPdfTable(doc: PDFKit.PDFDocument, table: PdfTableInput): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const columnWidth = width / Math.max(1, table.headings.length);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const row = (cells: string[], y: number, bold: boolean) => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(FONT_SIZE)
      .fillColor('#1f2937');
    cells.forEach((cell, column) => {
      doc.text(pdfText(cell), left + column * columnWidth + 4, y + 4, {
        width: columnWidth - 8,
        height: ROW_HEIGHT,
        align: table.numeric[column] ? 'right' : 'left',
        lineBreak: false,
        ellipsis: true,
      });
    });
  };
  // doc.text moves the cursor: each row keeps its own y.
  const header = () => {
    const y = doc.y;
    doc.rect(left, y, width, ROW_HEIGHT).fill('#f3f4f6');
    row(table.headings, y, true);
    doc.y = y + ROW_HEIGHT;
  };
  header();
  for (const cells of table.rows) {
    if (doc.y + ROW_HEIGHT > bottom()) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    row(cells.map(formatCell), y, false);
    doc
      .moveTo(left, y + ROW_HEIGHT)
      .lineTo(left + width, y + ROW_HEIGHT)
      .lineWidth(0.5)
      .strokeColor('#e5e7eb')
      .stroke();
    doc.y = y + ROW_HEIGHT;
  }
  doc.x = left;
}
