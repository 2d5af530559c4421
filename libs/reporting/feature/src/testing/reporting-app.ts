import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MemoryCacheStore } from '@pulse/cache';
import { InProcessMessageBus } from '@pulse/messaging';
import { ObservabilityModule } from '@pulse/observability';
import { PlatformModule } from '@pulse/platform';
import type { Store } from '@pulse/storage';
import { TenantAdminService } from '@pulse/tenancy';
import { randomBytes } from 'node:crypto';
import { DirectoryFileStore } from '../lib/files/directory-file-store';
import { REPORT_FILE_STORE, type ReportFileStore } from '../lib/files/report-file-store';
import {
  DEFAULT_REPORT_GENERATION_OPTIONS,
  REPORT_GENERATION_OPTIONS,
  type ReportGenerationOptions,
} from '../lib/generation/report-generation-options';
import { ReportingModule } from '../lib/reporting.module';
import { loadReportSchedulingOptions, REPORT_SCHEDULING_OPTIONS, type ReportSchedulingOptions } from '../lib/schedules/report-scheduling-options';

export interface ReportingAppUnderTest {
  url: string;
  app: INestApplication;
  createTenant(profile: { timeZone: string; currency: string }): Promise<{ id: string; secretKey: string }>;
  /** A request with the secret key as bearer token; the body parsed when JSON, else as text. */
  call(method: string, path: string, secretKey: string | null, body?: unknown): Promise<{ status: number; headers: Headers; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The reporting service over `store` (one replica: start two on stores of the same database for two),
 * its files in `directory` (or `extra.files`), with the test's clock and a short poll; `extra.scheduling`
 * replaces scheduling options (the email goes to `SMTP_URL` as in production).
 */
export async function startReportingApp(
  store: Store,
  directory: string,
  options: Partial<ReportGenerationOptions> = {},
  extra: { scheduling?: Partial<ReportSchedulingOptions>; files?: ReportFileStore } = {},
): Promise<ReportingAppUnderTest> {
  const bus = new InProcessMessageBus({ logger: silentLogger });
  const cache = new MemoryCacheStore();
  const module = await Test.createTestingModule({
    imports: [
      PlatformModule.forAdapters({ mode: 'distributed', settings: {}, bus, store, cache }),
      ObservabilityModule.forService({ serviceName: 'reporting', indicators: [] }),
      ReportingModule,
    ],
  })
    .overrideProvider(REPORT_GENERATION_OPTIONS)
    .useValue({ ...DEFAULT_REPORT_GENERATION_OPTIONS, pollMs: 100, ...options })
    .overrideProvider(REPORT_FILE_STORE)
    .useValue(extra.files ?? new DirectoryFileStore(directory))
    .overrideProvider(REPORT_SCHEDULING_OPTIONS)
    .useValue({ ...loadReportSchedulingOptions(), pollMs: 100, ...extra.scheduling })
    .compile();
  const app = module.createNestApplication({ logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  return {
    url,
    app,
    createTenant: async ({ timeZone, currency }) => {
      const slug = `rep-${randomBytes(5).toString('hex')}`;
      const created = await app
        .get(TenantAdminService, { strict: false })
        .createTenant({ slug, name: slug, timeZone, currency }, { secretKeyScopes: ['manage'] });
      return { id: created.tenant.id, secretKey: created.secretKey.key };
    },
    call: async (method, path, secretKey, body) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secretKey) headers['authorization'] = `Bearer ${secretKey}`;
      const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      const json = (response.headers.get('content-type') ?? '').startsWith('application/json') && text !== '';
      return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
    },
    stop: async () => {
      await app.close();
      await bus.close();
      await cache.close();
    },
  };
}

/** Polls the run until it is completed or failed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the run's JSON as the API answers it
export async function settledRun(app: ReportingAppUnderTest, secretKey: string, reportId: string, runId: string): Promise<any> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const run = await app.call('GET', `/v1/reports/${reportId}/runs/${runId}`, secretKey);
    if (run.body.status === 'completed' || run.body.status === 'failed') return run.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not settle`);
}

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF) — written here, independent of the writer under test. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted && char === '"' && text[index + 1] === '"') {
      cell += '"';
      index++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && char === '\r' && text[index + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      index++;
    } else {
      cell += char;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
