import type { ReportHeading, ReportSectionTable } from '../generation/report-content';
import { csvReport } from './csv-report';
import { htmlReport } from './html-report';
import { jsonReport } from './json-report';
import { pdfReport } from './pdf-report';
import { xlsxReport } from './xlsx-report';

/** Every format a report may name. */
export const REPORT_FORMATS = ['csv', 'json', 'html', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFormatWriter {
  contentType: string;
  extension: string;
  /** The file's chunks: text (CSV, JSON, HTML) or bytes (PDF, XLSX). */
  write(heading: ReportHeading, sections: AsyncIterable<ReportSectionTable>): AsyncIterable<string | Buffer>;
}

/** The writer of each format: one per name, so every format a report names can be generated. */
export const REPORT_FORMAT_WRITERS: Record<ReportFormat, ReportFormatWriter> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', write: csvReport },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json', write: jsonReport },
  html: { contentType: 'text/html; charset=utf-8', extension: 'html', write: htmlReport },
  pdf: { contentType: 'application/pdf', extension: 'pdf', write: pdfReport },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', write: xlsxReport },
};
