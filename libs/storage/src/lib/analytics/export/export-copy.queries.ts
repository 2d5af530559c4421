import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { exportStatementSql, type ExportDataset, type ExportWindow } from './export-pages.queries';

/** How a column is written: text is neutralised in CSV and quoted in JSON; numbers and JSON are PostgreSQL's own text. */
export interface ExportCopyColumn {
  name: string;
  kind: 'text' | 'number' | 'json';
}

/** The file PostgreSQL writes: CSV with a header row, or one JSON object per line. */
export type ExportCopyFormat = 'csv' | 'ndjson';

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A string literal for the COPY statement, which takes no bind parameters. */
function literal(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : String(value);
  // standard_conforming_strings is on (PostgreSQL's default since 9.1): only the quote needs doubling.
  if (text.includes('\\')) return `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A text cell made inert for spreadsheets, as `neutraliseFormula` does in Node: a leading apostrophe when it starts
 * with = + - @ tab or CR. `ascii()` reads the first code point without building a string: `left(x, 1)` made the
 * 1 M-row COPY ~40% slower.
 */
const neutralised = (column: string): string => `CASE WHEN ascii(${column}) IN (61, 43, 45, 64, 9, 13) THEN '''' || ${column} ELSE ${column} END`;

function csvSelect(columns: readonly ExportCopyColumn[]): string {
  return columns
    .map(({ name, kind }) => (kind === 'number' ? quoted(name) : `${neutralised(`rows.${quoted(name)}`)} AS ${quoted(name)}`))
    .join(', ');
}

function ndjsonSelect(columns: readonly ExportCopyColumn[]): string {
  const members = columns.map(({ name, kind }) => {
    const value = `rows.${quoted(name)}`;
    return `${literal(name)}, ${kind === 'text' ? value : kind === 'number' ? `${value}::numeric` : `${value}::json`}`;
  });
  return `json_build_object(${members.join(', ')})::text`;
}

/**
 * The COPY statement of one dataset and window: the same rows, order and tenant filter as the keyset pages,
 * written by PostgreSQL. NDJSON goes through COPY's CSV format with a quote character JSON text never holds
 * (control characters are \u-escaped in JSON), so no line is quoted or escaped: COPY's text format would double
 * every backslash of the JSON.
 */
export function exportCopySql(dataset: ExportDataset, window: ExportWindow, format: ExportCopyFormat, columns: readonly ExportCopyColumn[]): string {
  const { sql, parameters } = exportStatementSql(dataset, window);
  // OFFSET 0 keeps the inner query a subquery whose columns are computed once, not pulled up into each CASE mention.
  const inlined = `${sql.replace(/\$(\d+)/g, (_, index: string) => literal(parameters[Number(index) - 1]))} OFFSET 0`;
  if (format === 'csv') return `COPY (SELECT ${csvSelect(columns)} FROM (${inlined}) AS rows) TO STDOUT WITH (FORMAT csv, HEADER true)`;
  return `COPY (SELECT ${ndjsonSelect(columns)} FROM (${inlined}) AS rows) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;
}

/**
 * Exports streamed by `COPY … TO STDOUT` on a pooled connection of a PostgreSQL server. The connection is held for
 * as long as the client reads, and closed (not returned) if the stream is destroyed before its end: the server
 * then stops the COPY on the broken socket, and the pool opens a fresh connection when it needs one.
 */
export class ExportCopyQueries {
  constructor(private readonly pool: Pool) {}

  async open(dataset: ExportDataset, window: ExportWindow, format: ExportCopyFormat, columns: readonly ExportCopyColumn[]): Promise<Readable> {
    const client: PoolClient = await this.pool.connect();
    let released = false;
    const release = (broken: boolean): void => {
      if (released) return;
      released = true;
      client.release(broken);
    };
    let stream: Readable;
    try {
      stream = client.query(copyTo(exportCopySql(dataset, window, format, columns)));
    } catch (error) {
      release(true);
      throw error;
    }
    stream.once('end', () => release(false));
    stream.once('error', () => release(true));
    // Destroyed before the end (the HTTP client went away): the connection is mid-COPY and cannot be reused.
    stream.once('close', () => release(true));
    return stream;
  }
}

/**
 * The pg pool behind a data source when it is a PostgreSQL server, which can serve exports by COPY; undefined for
 * the embedded store, whose single PGlite connection a COPY would hold for the whole download.
 */
export function copyCapablePool(dataSource: DataSource): Pool | undefined {
  if (dataSource.options.type !== 'postgres' || 'driver' in dataSource.options) return undefined;
  return (dataSource.driver as unknown as { master: Pool }).master;
}
