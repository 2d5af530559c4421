import type { OpenedStore } from '@pulse/storage/testing';
import { createReportingTenant, REPORTING_STORE_TARGETS } from '../testing/reporting-store';
import { ReportRepository } from './reports/report.repository';
import type { ReportDefinition } from './reports/report';
import { ReportRunRepository } from './runs/report-run.repository';
import { ReportDeliveryRepository } from './deliveries/report-delivery.repository';
import { ReportScheduleRepository } from './schedules/report-schedule.repository';
import type { ReportScheduleDefinition } from './schedules/report-schedule';

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
  let schedules: ReportScheduleRepository;
  let deliveries: ReportDeliveryRepository;

  beforeAll(async () => {
    opened = await target.open();
    reports = new ReportRepository(opened.store.dataSource);
    runs = new ReportRunRepository(opened.store.dataSource);
    schedules = new ReportScheduleRepository(opened.store.dataSource);
    deliveries = new ReportDeliveryRepository(opened.store.dataSource);
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

  describe('schedules', () => {
    const due = new Date('2030-02-01T07:00:00Z');
    const DAILY: ReportScheduleDefinition = {
      cron: '0 8 * * *',
      enabled: true,
      period: null,
      recipients: ['ops@example.com'],
      webhookUrl: 'https://hooks.example.com/r',
      nextRunAt: due,
    };
    const firing = {
      occurrenceAt: due,
      run: { rangeFrom: '2030-01-25', rangeTo: '2030-01-31' },
      nextRunAt: new Date('2030-02-02T07:00:00Z'),
    };

    it('reads, replaces and deletes a schedule only within its tenant', async () => {
      const [owner, other] = [await createReportingTenant(opened), await createReportingTenant(opened)];
      const report = await reports.create(owner, WEEKLY);
      const schedule = await schedules.create(owner, report.id, DAILY, 'whsec_x');
      expect(await schedules.find(other, report.id, schedule.id)).toBeNull();
      expect(await schedules.list(other, report.id)).toEqual([]);
      expect(await schedules.replace(other, report.id, schedule.id, DAILY, null)).toBeNull();
      expect(await schedules.delete(other, report.id, schedule.id)).toBe(false);
      expect(await schedules.find(owner, report.id, 'nope')).toBeNull();
      expect(await schedules.replace(owner, report.id, schedule.id, { ...DAILY, recipients: [] }, 'whsec_x')).toMatchObject({ recipients: [] });
      expect(await schedules.delete(owner, report.id, schedule.id)).toBe(true);
    });

    it('makes one run and one delivery per channel for an occurrence fired by two replicas at once, then the next', async () => {
      const tenant = await createReportingTenant(opened);
      const report = await reports.create(tenant, WEEKLY);
      const schedule = await schedules.create(tenant, report.id, DAILY, 'whsec_x');
      const fire = () =>
        schedules.fireDue(due, 10, (dueSchedule) => (dueSchedule.schedule.id === schedule.id ? firing : { ...firing, run: null, nextRunAt: null }));
      const made = (await Promise.all([fire(), fire()])).flat().filter((run) => run.scheduleId === schedule.id);
      expect(made).toHaveLength(1);
      expect(made[0]).toMatchObject({
        status: 'queued',
        occurrenceAt: due,
        rangeFrom: '2030-01-25',
        rangeTo: '2030-01-31',
      });
      expect(await schedules.find(tenant, report.id, schedule.id)).toMatchObject({ nextRunAt: firing.nextRunAt, lastRunAt: due });
      expect((await deliveries.listForRun(tenant, made[0].id)).map((delivery) => [delivery.channel, delivery.target, delivery.status])).toEqual([
        ['email', 'ops@example.com', 'pending'],
        ['webhook', 'https://hooks.example.com/r', 'pending'],
      ]);
      // Not yet due again; and the same occurrence fired again (say, next_run_at put back) inserts no second run.
      expect((await fire()).filter((run) => run.scheduleId === schedule.id)).toEqual([]);
      await schedules.replace(tenant, report.id, schedule.id, DAILY, 'whsec_x');
      expect((await fire()).filter((run) => run.scheduleId === schedule.id)).toEqual([]);
      expect((await runs.list(tenant, report.id)).length).toBe(1);
    });

    it('claims a delivery once its run settled, records each attempt, and removes old runs once', async () => {
      const tenant = await createReportingTenant(opened);
      const report = await reports.create(tenant, WEEKLY);
      const schedule = await schedules.create(tenant, report.id, { ...DAILY, webhookUrl: null }, null);
      const [run] = (
        await schedules.fireDue(due, 100, (dueSchedule) =>
          dueSchedule.schedule.id === schedule.id ? firing : { ...firing, run: null, nextRunAt: null },
        )
      ).filter((made) => made.scheduleId === schedule.id);
      const mine = async (at: Date) => (await deliveries.claimDue(at, 60_000, 100)).filter((delivery) => delivery.runId === run.id);
      expect(await mine(due)).toEqual([]); // the run is still queued
      let claimedRun = (await runs.claimNext(due, 60_000))!;
      while (claimedRun.id !== run.id) claimedRun = (await runs.claimNext(due, 60_000))!; // runs of the tests before
      await runs.complete(
        claimedRun,
        {
          fileKey: 'k/run.csv',
          fileName: 'run.csv',
          contentType: 'text/csv',
          fileSize: 3,
        },
        due,
      );
      const [claim] = await mine(due);
      expect(claim).toMatchObject({ channel: 'email', attempts: 1 });
      expect(await mine(due)).toEqual([]); // leased
      const retryAt = new Date(due.getTime() + 1_000);
      expect(
        await deliveries.recordAttempt(
          claim,
          { at: due.toISOString(), durationMs: 5, error: 'ECONNREFUSED' },
          { status: 'pending', nextAttemptAt: retryAt },
        ),
      ).toBe(true);
      const [again] = await mine(retryAt);
      expect(again.attempts).toBe(2);
      expect(await deliveries.recordAttempt(claim, { at: retryAt.toISOString(), durationMs: 1 }, { status: 'delivered' })).toBe(false); // a stale claim
      expect(await deliveries.recordAttempt(again, { at: retryAt.toISOString(), durationMs: 7, response: '250 OK' }, { status: 'delivered' })).toBe(
        true,
      );
      expect(await deliveries.listForRun(tenant, run.id)).toMatchObject([
        {
          status: 'delivered',
          attempts: 2,
          deliveredAt: new Date(retryAt.getTime() + 7),
          attemptLog: [
            { at: due.toISOString(), durationMs: 5, error: 'ECONNREFUSED' },
            { at: retryAt.toISOString(), durationMs: 7, response: '250 OK' },
          ],
        },
      ]);
      expect(await deliveries.listForRun(await createReportingTenant(opened), run.id)).toEqual([]);

      const removed = await Promise.all([
        runs.removeSettledBefore(new Date(due.getTime() + 1), 1000),
        runs.removeSettledBefore(new Date(due.getTime() + 1), 1000),
      ]);
      expect(removed.flatMap((sweep) => sweep.fileKeys).filter((key) => key === 'k/run.csv')).toEqual(['k/run.csv']);
      expect(await runs.find(tenant, report.id, run.id)).toBeNull();
      expect(await deliveries.listForRun(tenant, run.id)).toEqual([]);
    });
  });
});
