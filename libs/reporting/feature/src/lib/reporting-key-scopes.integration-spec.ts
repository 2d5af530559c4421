import { REPORTING_STORE_SCHEMA } from '@pulse/reporting-data-access';
import { openStore, type Store } from '@pulse/storage';
import { createFreshDatabase, type FreshDatabase } from '@pulse/storage/testing';
import { AdminAuditService, TenantAdminService } from '@pulse/tenancy';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settledRun, startReportingApp, type ReportingAppUnderTest } from '../testing/reporting-app';

const WEEKLY = { name: 'Weekly', type: 'executive_summary', format: 'csv', period: 'last_7_days' };
const SCHEDULE = { cron: '0 8 * * 1', recipients: ['ceo@example.com'] };

describe('reporting with read-only and manage secret keys, and the audit of downloads and exports', () => {
  let database: FreshDatabase;
  let store: Store;
  let directory: string;
  let app: ReportingAppUnderTest;
  let tenant: { id: string; secretKey: string };
  let readKey: { id: string; key: string };
  let reportId: string;
  let scheduleId: string;

  const auditOf = (tenantId: string, action: string) => app.app.get(AdminAuditService, { strict: false }).list({ tenantId, action, limit: 10 });

  beforeAll(async () => {
    database = await createFreshDatabase('pulse_reporting_scopes_it');
    store = await openStore({ kind: 'postgres', url: database.url, poolSize: 3 }, REPORTING_STORE_SCHEMA);
    directory = await mkdtemp(join(tmpdir(), 'pulse-reporting-scopes-it-'));
    app = await startReportingApp(store, directory);
    tenant = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    const issued = await app.app.get(TenantAdminService, { strict: false }).createSecretKey(tenant.id, { label: 'reader' });
    readKey = { id: issued?.id ?? 'missing', key: issued?.key ?? 'missing' };
    reportId = (await app.call('POST', '/v1/reports', tenant.secretKey, WEEKLY)).body.id;
    scheduleId = (await app.call('POST', `/v1/reports/${reportId}/schedules`, tenant.secretKey, SCHEDULE)).body.id;
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await store?.close();
    await database?.drop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it.each([
    ['POST', '/v1/reports', WEEKLY],
    ['PUT', '/v1/reports/:id', { name: 'Renamed' }],
    ['DELETE', '/v1/reports/:id', undefined],
    ['POST', '/v1/reports/:id/schedules', SCHEDULE],
    ['PUT', '/v1/reports/:id/schedules/:scheduleId', { enabled: false }],
    ['DELETE', '/v1/reports/:id/schedules/:scheduleId', undefined],
  ])('refuses %s %s to a read-only key with 403 naming the manage scope, changing nothing', async (method, route, body) => {
    const answer = await app.call(method, route.replace(':id', reportId).replace(':scheduleId', scheduleId), readKey.key, body);

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ statusCode: 403, error: 'Forbidden', requiredScope: 'manage' });
    expect((await app.call('GET', `/v1/reports/${reportId}`, tenant.secretKey)).body).toMatchObject({ name: 'Weekly' });
    expect((await app.call('GET', `/v1/reports/${reportId}/schedules/${scheduleId}`, tenant.secretKey)).body).toMatchObject({ enabled: true });
  });

  it('lets a read-only key list reports, generate a run of one and download it, recording exactly one download', async () => {
    expect((await app.call('GET', '/v1/reports', readKey.key)).body.map((report: { id: string }) => report.id)).toEqual([reportId]);
    const queued = await app.call('POST', `/v1/reports/${reportId}/generate`, readKey.key);
    expect(queued.status).toBe(202);
    const run = await settledRun(app, readKey.key, reportId, queued.body.id);
    expect(run.status).toBe('completed');

    const file = await app.call('GET', `/v1/reports/${reportId}/runs/${run.id}/download`, readKey.key);

    expect(file.status).toBe(200);
    const entries = await auditOf(tenant.id, 'report.download');
    expect(entries).toEqual([
      {
        id: expect.any(String),
        at: expect.any(Date),
        actor: `secret-key:${readKey.id}`,
        action: 'report.download',
        tenantId: tenant.id,
        subject: run.id,
        details: { reportId, runId: run.id, fileName: run.fileName, contentType: 'text/csv; charset=utf-8' },
      },
    ]);
    expect(JSON.stringify(entries)).not.toContain(readKey.key);
  });

  it('lets a read-only key export, recording which key exported which dataset, days and format', async () => {
    const exported = await app.call('GET', '/v1/export?from=2026-03-01&to=2026-03-08&dataset=daily_metrics&format=ndjson', readKey.key);

    expect(exported.status).toBe(200);
    const entries = await auditOf(tenant.id, 'data.export');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: `secret-key:${readKey.id}`,
      tenantId: tenant.id,
      subject: 'daily_metrics',
      details: { dataset: 'daily_metrics', from: '2026-03-01', to: '2026-03-08', format: 'ndjson' },
    });
  });

  it('records nothing for an export refused as a bad request', async () => {
    const refused = await app.call('GET', '/v1/export?from=2026-03-08&to=2026-03-01&dataset=events&format=csv', readKey.key);

    expect(refused.status).toBe(400);
    expect(await auditOf(tenant.id, 'data.export')).toHaveLength(1);
  });

  it('lets a manage key change and delete reports and schedules', async () => {
    expect((await app.call('PUT', `/v1/reports/${reportId}/schedules/${scheduleId}`, tenant.secretKey, { ...SCHEDULE, enabled: false })).status).toBe(
      200,
    );
    expect((await app.call('PUT', `/v1/reports/${reportId}`, tenant.secretKey, { ...WEEKLY, name: 'Renamed' })).body).toMatchObject({
      name: 'Renamed',
    });
    expect((await app.call('DELETE', `/v1/reports/${reportId}`, tenant.secretKey)).status).toBeLessThan(300);
  });
});
