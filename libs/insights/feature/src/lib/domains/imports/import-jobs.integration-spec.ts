import { STORE_TARGETS } from '@pulse/storage/testing';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant } from '../../../testing/domains-app';
import { storeEvents, type EventFixture } from '../../../testing/domains-fixtures';

const importEvent = (id: string, type: string, at: string, properties: Record<string, unknown>, receivedAt?: string): EventFixture => ({
  id,
  type,
  category: 'import',
  at,
  receivedAt,
  properties,
});

/*
 * Tenant "library", Europe/Berlin, local day 2025-03-10.
 *   j1 wordpress   completed: 100 records, 5 failed, 2,000 ms
 *   j2 wordpress   failed: 10 records, 1,000 ms
 *   j3 csv_upload  completed: 300 records, 15 failed, 4,000 ms
 *   j4 csv_upload  started only (running)
 *   j5 s3          completed: 50 records, 0 failed, 3,000 ms — reported late, on 03-12
 *   j6 s3          on 03-11: outside the day
 * Tenant "other": one completed job the same day.
 */
const EVENTS: EventFixture[] = [
  importEvent('j1s', 'import_started', '2025-03-10T09:00:00Z', { job_id: 'j1', source: 'wordpress', records_total: 100 }),
  importEvent('j1c', 'import_completed', '2025-03-10T09:00:02Z', { job_id: 'j1', source: 'wordpress', records_processed: 100, records_failed: 5, duration_ms: 2_000 }),
  importEvent('j2s', 'import_started', '2025-03-10T10:00:00Z', { job_id: 'j2', source: 'wordpress' }),
  importEvent('j2f', 'import_failed', '2025-03-10T10:00:01Z', { job_id: 'j2', source: 'wordpress', error_message: 'feed unreachable', records_processed: 10, duration_ms: 1_000 }),
  importEvent('j3s', 'import_started', '2025-03-10T11:00:00Z', { job_id: 'j3', source: 'csv_upload' }),
  importEvent('j3c', 'import_completed', '2025-03-10T11:00:04Z', { job_id: 'j3', source: 'csv_upload', records_processed: 300, records_failed: 15, duration_ms: 4_000 }),
  importEvent('j4s', 'import_started', '2025-03-10T12:00:00Z', { job_id: 'j4', source: 'csv_upload' }),
  importEvent('j5s', 'import_started', '2025-03-10T13:00:00Z', { job_id: 'j5', source: 's3' }, '2025-03-12T08:00:00Z'),
  importEvent('j5c', 'import_completed', '2025-03-10T13:00:03Z', { job_id: 'j5', source: 's3', records_processed: 50, records_failed: 0, duration_ms: 3_000 }, '2025-03-12T08:00:00Z'),
  importEvent('j6s', 'import_started', '2025-03-11T09:00:00Z', { job_id: 'j6', source: 's3' }),
];

describe.each(STORE_TARGETS)('import job analytics over HTTP on $name', (target) => {
  let app: DomainsAppUnderTest;
  let library: DomainsTenant;

  beforeAll(async () => {
    app = await startDomainsApp(target);
    library = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    const other = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    await storeEvents(app.store, library.id, EVENTS);
    await storeEvents(app.store, other.id, [
      importEvent('x1', 'import_completed', '2025-03-10T09:00:00Z', { job_id: 'x1', source: 'wordpress', records_processed: 9_999, records_failed: 9_999, duration_ms: 99_999 }),
    ]);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('rates jobs and records and summarises durations, late job included', async () => {
    const answer = await app.call(library, '/v1/imports/jobs?from=2025-03-10&to=2025-03-10');
    expect(answer.status).toBe(200);
    // 5 jobs: completed j1, j3, j5; failed j2; running j4 → 3 / 4 and 1 / 4
    // records 100 + 10 + 300 + 50 = 460, failed 5 + 15 + 0 = 20
    // durations 1,000, 2,000, 3,000, 4,000: mean 2,500; p95 rank 2.85 → 3,000 + 0.85 × 1,000 = 3,850
    expect(answer.body.total).toMatchObject({
      jobs: 5,
      completed: 3,
      failed: 1,
      running: 1,
      successRate: 0.75,
      failureRate: 0.25,
      recordsProcessed: 460,
      recordsFailed: 20,
      averageDurationMs: 2_500,
    });
    expect(answer.body.total.recordFailureRate).toBeCloseTo(20 / 460, 12);
    expect(answer.body.total.p95DurationMs).toBeCloseTo(3_850, 9);
  });

  it('compares sources', async () => {
    const answer = await app.call(library, '/v1/imports/jobs?from=2025-03-10&to=2025-03-10');
    // csv_upload: j3 completed, j4 running → success 1 / 1; wordpress: j1 completed, j2 failed → 1 / 2,
    // durations 1,000 and 2,000: mean 1,500, p95 rank 0.95 → 1,950; s3: j5 only
    expect(answer.body.bySource.map((source: { source: string }) => source.source)).toEqual(['csv_upload', 'wordpress', 's3']);
    expect(answer.body.bySource[0]).toMatchObject({ jobs: 2, completed: 1, running: 1, successRate: 1, recordsProcessed: 300, averageDurationMs: 4_000 });
    expect(answer.body.bySource[1]).toMatchObject({ jobs: 2, completed: 1, failed: 1, successRate: 0.5, recordsProcessed: 110, averageDurationMs: 1_500 });
    expect(answer.body.bySource[1].p95DurationMs).toBeCloseTo(1_950, 9);
    expect(answer.body.bySource[2]).toMatchObject({ source: 's3', jobs: 1, completed: 1, averageDurationMs: 3_000 });
  });

  it('answers zeros for an empty range', async () => {
    const answer = await app.call(library, '/v1/imports/jobs?from=2025-04-01&to=2025-04-30');
    expect(answer.status).toBe(200);
    expect(answer.body.total).toMatchObject({ jobs: 0, successRate: 0, recordsProcessed: 0, averageDurationMs: null, p95DurationMs: null });
    expect(answer.body.bySource).toEqual([]);
  });
});
