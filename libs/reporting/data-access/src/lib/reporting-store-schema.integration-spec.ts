import type { OpenedStore } from '@pulse/storage/testing';
import { createReportingTenant, REPORTING_STORE_TARGETS } from '../testing/reporting-store';
import { ReportRepository } from './reports/report.repository';
import type { ReportDefinition } from './reports/report';
import { ReportRunRepository } from './runs/report-run.repository';

const WEEKLY: ReportDefinition = {
  name: 'Weekly',
  description: null,
  type: 'custom',
  format: 'csv',
  period: 'last_7_days',
  rangeFrom: null,
  rangeTo: null,
  sections: [{ title: 'Notes', kind: 'text', text: 'hello' }],
};

describe.each(REPORTING_STORE_TARGETS)('reporting tables on $name', (target) => {
  let opened: OpenedStore;
  let reports: ReportRepository;
  let runs: ReportRunRepository;

  beforeAll(async () => {
    opened = await target.open();
    reports = new ReportRepository(opened.store.dataSource);
    runs = new ReportRunRepository(opened.store.dataSource);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('matches the entities exactly: TypeORM finds nothing to change', async () => {
    const pending = await opened.store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reads, replaces and deletes a report only within its tenant', async () => {
    const [owner, other] = [await createReportingTenant(opened), await createReportingTenant(opened)];
    const report = await reports.create(owner, WEEKLY);
    expect(await reports.find(other, report.id)).toBeNull();
    expect(await reports.list(other)).toEqual([]);
    expect(await reports.replace(other, report.id, { ...WEEKLY, name: 'Stolen' })).toBeNull();
    expect(await reports.delete(other, report.id)).toBe(false);
    expect(await reports.find(owner, 'not-a-uuid')).toBeNull();
    expect((await reports.replace(owner, report.id, { ...WEEKLY, name: 'Renamed' }))?.name).toBe('Renamed');
    expect((await reports.find(owner, report.id))?.sections).toEqual(WEEKLY.sections);
    expect(await reports.delete(owner, report.id)).toBe(true);
    expect(await reports.find(owner, report.id)).toBeNull();
  });

  it('claims the oldest queued run once, then takes it over only after its lease ran out', async () => {
    const tenant = await createReportingTenant(opened);
    const report = await reports.create(tenant, WEEKLY);
    const queued = await runs.enqueue({ tenantId: tenant, reportId: report.id, format: 'csv', rangeFrom: '2026-03-01', rangeTo: '2026-03-07' });
    const now = new Date('2030-01-01T00:00:00Z');
    const first = await runs.claimNext(now, 60_000);
    expect(first).toMatchObject({ id: queued.id, status: 'generating', attempts: 1 });
    expect(await runs.claimNext(new Date(now.getTime() + 59_000), 60_000)).toBeNull();

    const second = await runs.claimNext(new Date(now.getTime() + 60_000), 60_000);
    expect(second).toMatchObject({ id: queued.id, attempts: 2 });
    // The first worker lost the run: its outcome is ignored, the second one's counts.
    expect(await runs.complete(first!, { fileKey: 'a', fileName: 'a.csv', contentType: 'text/csv', fileSize: 1 }, now)).toBe(false);
    expect(await runs.fail(second!, 'boom', now)).toBe(true);
    expect(await runs.find(tenant, report.id, queued.id)).toMatchObject({ status: 'failed', error: 'boom', fileKey: null });
  });
});
