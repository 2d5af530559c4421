import type { ExportColumn } from './export-columns';
import { csvTextCell, quoteCsvCell } from './csv-cells';

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportRow = Readonly<Record<string, string | null>>;

/** Turns pages of rows into the text of one file: an opening, each page's rows, a closing. */
export interface ExportFileWriter {
  readonly contentType: string;
  readonly extension: string;
  opening(): string;
  rows(rows: readonly ExportRow[]): string;
  closing(): string;
}

export function exportFileWriter(format: ExportFormat, columns: readonly ExportColumn[]): ExportFileWriter {
  switch (format) {
    case 'csv':
      return csvWriter(columns);
    case 'json':
      return jsonArrayWriter(columns);
    case 'ndjson':
      return ndjsonWriter(columns);
  }
}

function csvWriter(columns: readonly ExportColumn[]): ExportFileWriter {
  const line = (row: ExportRow): string =>
    columns
      .map((column) => {
        const value = row[column.name] ?? null;
        return column.kind === 'number' ? (value ?? '') : csvTextCell(value);
      })
      .join(',');
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    // LF line ends, as PostgreSQL's COPY writes them on the other store: the same bytes from both.
    opening: () => `${columns.map((column) => quoteCsvCell(column.name)).join(',')}\n`,
    rows: (rows) => rows.map((row) => `${line(row)}\n`).join(''),
    closing: () => '',
  };
}

/** A row as one JSON object; numbers and JSON columns are PostgreSQL's text of them, already valid JSON. */
export function jsonObjectOf(columns: readonly ExportColumn[], row: ExportRow): string {
  const members = columns.map((column) => {
    const value = row[column.name] ?? null;
    const written = value === null ? 'null' : column.kind === 'text' ? JSON.stringify(value) : value;
    return `${JSON.stringify(column.name)}:${written}`;
  });
  return `{${members.join(',')}}`;
}

function jsonArrayWriter(columns: readonly ExportColumn[]): ExportFileWriter {
  let written = 0;
  return {
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
    opening: () => '[',
    rows: (rows) =>
      rows
        .map((row) => {
          const separator = written++ === 0 ? '\n' : ',\n';
          return `${separator}${jsonObjectOf(columns, row)}`;
        })
        .join(''),
    closing: () => (written === 0 ? ']\n' : '\n]\n'),
  };
}

function ndjsonWriter(columns: readonly ExportColumn[]): ExportFileWriter {
  return {
    contentType: 'application/x-ndjson; charset=utf-8',
    extension: 'ndjson',
    opening: () => '',
    rows: (rows) => rows.map((row) => `${jsonObjectOf(columns, row)}\n`).join(''),
    closing: () => '',
  };
}
