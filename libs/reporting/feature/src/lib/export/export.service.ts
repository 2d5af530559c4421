import { Inject, Injectable } from '@nestjs/common';
import { localDayRange } from '@pulse/analytics-core';
import { ExportPageQueries, type ExportKey, type ExportWindow } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { EXPORT_COLUMNS } from './export-columns';
import { exportFileWriter } from './export-formats';
import type { ExportQuery } from './export-request';

/** Rows read per statement: one page is all an export holds in memory (a few MB of events at most). */
export const EXPORT_PAGE_ROWS = Symbol('EXPORT_PAGE_ROWS');
export const DEFAULT_EXPORT_PAGE_ROWS = 5_000;

/**
 * Rows per piece of text handed to the socket: ~70 kB of events, under V8's large-object size, so each piece is
 * young garbage a scavenge frees rather than a large object that waits for a full collection.
 */
const WRITE_ROWS = 250;

export interface ExportFile {
  contentType: string;
  fileName: string;
  /** The file's text, one piece per page, read only as fast as it is consumed. */
  chunks: AsyncGenerator<string>;
}

@Injectable()
export class ExportService {
  constructor(
    private readonly pages: ExportPageQueries,
    @Inject(EXPORT_PAGE_ROWS) private readonly pageRows: number,
  ) {}

  open(tenant: AuthenticatedTenant, query: ExportQuery): ExportFile {
    const writer = exportFileWriter(query.format, EXPORT_COLUMNS[query.dataset]);
    const window: ExportWindow = {
      tenantId: tenant.id,
      start: localDayRange(query.from, query.from, tenant.timeZone).start,
      end: localDayRange(query.to, query.to, tenant.timeZone).start,
      fromDay: query.from,
      toDay: query.to,
    };
    const pages = this.pages;
    const pageRows = this.pageRows;
    async function* chunks(): AsyncGenerator<string> {
      yield writer.opening();
      let after: ExportKey | undefined;
      do {
        const page = await pages.page(query.dataset, window, after, pageRows);
        for (let first = 0; first < page.rows.length; first += WRITE_ROWS) yield writer.rows(page.rows.slice(first, first + WRITE_ROWS));
        after = page.next;
      } while (after);
      yield writer.closing();
    }
    return {
      contentType: writer.contentType,
      fileName: `${tenant.slug}-${query.dataset}-${query.from}-${query.to}.${writer.extension}`,
      chunks: chunks(),
    };
  }
}
