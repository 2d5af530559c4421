import type { ReportSectionTable } from '../generation/report-content';
import { readPdf } from '../../testing/pdf-text-reader';
import { collectFile, HEADING, SECTIONS, sectionsOf, XSS } from '../../testing/report-tables';
import { pdfReport } from './pdf-report';

const LONG_TABLE: ReportSectionTable = {
  title: 'Hourly events',
  kind: 'table',
  columns: ['hour', 'value'],
  groupColumns: 0,
  rows: Array.from({ length: 120 }, (_, hour) => [`2026-03-25 h${String(hour).padStart(3, '0')}`, hour * 10]),
};

describe('pdfReport', () => {
  let file: Buffer;
  let pdf: { text: string; pages: string[]; info: Record<string, unknown> };
  beforeAll(async () => {
    file = await collectFile(pdfReport(HEADING, sectionsOf([...SECTIONS, LONG_TABLE])));
    pdf = await readPdf(file);
  }, 30_000);

  it('is a PDF titled after the report, starting with its range, time zone and generation time', () => {
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.info['Title']).toBe(`${HEADING.name} 2026-03-25 - 2026-03-31`);
    const lines = pdf.pages[0].split('\n');
    expect(lines.join(' ')).toMatch(/^Weekly <script>alert\("x"\)<\/script><img src=x ?onerror=alert\(1\)>/);
    expect(lines).toContain('Executive summary | 2026-03-25 - 2026-03-31 | Time zone Europe/Berlin');
    expect(lines).toContain('Generated 2026-04-01T06:00:00.000Z');
  });

  it('shows the headline figures with their change against the previous period', () => {
    const text = pdf.pages[0];
    expect(text).toContain('Headline figures\nEvents\n1,250.5\n+250.5 (+25.05%)\nvs 2026-03-18 – 2026-03-24');
    expect(text).toContain('Orders\n2\n+2 (previous 0)');
    expect(text).toContain('Users by device — mobile\n30\n-10 (-25%)');
  });

  it('writes each section as a table with the same figures as the data', () => {
    expect(pdf.text).toContain('Value Previous period Change Change %\n1,250.5 1,000 250.5 25.05');
    expect(pdf.text).toContain('Day Value\n2026-03-25 2\n2026-03-26 0\n2026-03-27 3.5');
    expect(pdf.text).toContain('device Day Value\ndesktop 2026-03-25 1\ndesktop 2026-03-26 4\nmobile 2026-03-25 2\nmobile 2026-03-26 0');
    expect(pdf.text).toContain(`Read me ${XSS}`);
  });

  it('draws the charts: their axis labels are text in the PDF besides the tables', () => {
    const perDay = pdf.text.slice(pdf.text.indexOf('Events per day'), pdf.text.indexOf('Day Value'));
    expect(perDay).toMatch(/0\n1\n2\n3\n4\n2026-03-25\s+2026-03-26\s+2026-03-27/);
  });

  it('continues a long table on the next pages with its header repeated', () => {
    const rows = [...pdf.text.matchAll(/^2026-03-25 h(\d{3}) ([\d,]+)$/gm)].map((match) => [
      Number(match[1]),
      Number(match[2].replace(/,/g, '')),
    ]);
    expect(rows).toEqual(LONG_TABLE.rows.map((row) => [Number(String(row[0]).slice(-3)), row[1]]));
    const pagesWithRows = pdf.pages.filter((page) => /2026-03-25 h\d{3}/.test(page));
    expect(pagesWithRows.length).toBeGreaterThan(1);
    for (const page of pagesWithRows) expect(page).toContain('Hour Value');
  });
});
