import { Inject, Injectable } from '@nestjs/common';
import { localDayRange } from '@pulse/analytics-core';
import { ExportCopyQueries, ExportPageQueries, type ExportKey, type ExportWindow } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { EXPORT_COLUMNS } from './export-columns';
import { exportFileWriter } from './export-formats';
import type { ExportQuery } from './export-request';
import { jsonArrayOfLines } from './json-array-of-lines';
import { pipeline, Readable } from 'node:stream';

/** Rows read per statement: one page is all an export holds in memory (a few MB of events at most). */
export const EXPORT_PAGE_ROWS = Symbol('EXPORT_PAGE_ROWS');
export const DEFAULT_EXPORT_PAGE_ROWS = 5_000;

/** `ExportCopyQueries` on a PostgreSQL server, null on the embedded store (see ExportModule). */
export const EXPORT_COPY = Symbol('EXPORT_COPY');

/**
 * Rows per piece of text handed to the socket: ~70 kB of events, under V8's large-object size, so each piece is
 * young garbage a scavenge frees rather than a large object that waits for a full collection.
 */
const WRITE_ROWS = 250;

export interface ExportFile {
  contentType: string;
  fileName: string;
  /** The file's bytes, read from the store only as fast as they are consumed; destroying it stops the read. */
  body: Readable;
}

/**
 * Opens an export: on a PostgreSQL server PostgreSQL writes the file (`COPY … TO STDOUT`) and Node only pipes its
 * bytes; on the embedded store, whose one connection a COPY would hold, Node writes it from keyset pages.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly pages: ExportPageQueries,
    @Inject(EXPORT_PAGE_ROWS) private readonly pageRows: number,
    @Inject(EXPORT_COPY) private readonly copies: ExportCopyQueries | null = null,
  ) {}

  async open(tenant: AuthenticatedTenant, query: ExportQuery): Promise<ExportFile> {
    const writer = exportFileWriter(query.format, EXPORT_COLUMNS[query.dataset]);
    const file = { contentType: writer.contentType, fileName: `${tenant.slug}-${query.dataset}-${query.from}-${query.to}.${writer.extension}` };
    if (!this.copies) return { ...file, body: Readable.from(this.pagedText(tenant, query), { objectMode: false }) };
    const copied = await this.copies.open(query.dataset, exportWindow(tenant, query), query.format === 'csv' ? 'csv' : 'ndjson', EXPORT_COLUMNS[query.dataset]);
    if (query.format !== 'json') return { ...file, body: copied };
    // pipeline destroys the COPY stream when the array stream is destroyed (the client went away) or fails.
    return { ...file, body: pipeline(copied, jsonArrayOfLines(), () => undefined) };
  }

  /** The file's text from keyset pages, one piece per few hundred rows; returning the generator stops the reads. */
  async *pagedText(tenant: AuthenticatedTenant, query: ExportQuery): AsyncGenerator<string> {
    const writer = exportFileWriter(query.format, EXPORT_COLUMNS[query.dataset]);
    const window = exportWindow(tenant, query);
    yield writer.opening();
    let after: ExportKey | undefined;
    do {
      const page = await this.pages.page(query.dataset, window, after, this.pageRows);
      for (let first = 0; first < page.rows.length; first += WRITE_ROWS) yield writer.rows(page.rows.slice(first, first + WRITE_ROWS));
      after = page.next;
    } while (after);
    yield writer.closing();
  }
}

/** The tenant's local days [from, to) as instants and as dates. */
function exportWindow(tenant: AuthenticatedTenant, query: ExportQuery): ExportWindow {
  return {
    tenantId: tenant.id,
    start: localDayRange(query.from, query.from, tenant.timeZone).start,
    end: localDayRange(query.to, query.to, tenant.timeZone).start,
    fromDay: query.from,
    toDay: query.to,
  };
}
