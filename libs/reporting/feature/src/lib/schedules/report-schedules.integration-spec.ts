import { webhookSignature } from '@pulse/platform';
import { REPORTING_STORE_SCHEMA } from '@pulse/reporting-data-access';
import { openStore, type Store } from '@pulse/storage';
import { createFreshDatabase, storeQueryEvents, type FreshDatabase } from '@pulse/storage/testing';
import { simpleParser } from 'mailparser';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { startReportingApp, type ReportingAppUnderTest } from '../../testing/reporting-app';

const BERLIN = 'Europe/Berlin';
const WEEKLY = { name: 'Weekly', type: 'executive_summary', format: 'csv', period: 'last_7_days' };
// Monday 30 March 2026, 07:00 CEST. `0 8 * * *` next fires at 08:00 CEST = 06:00 UTC; its last_7_days are 23-29 March.
const START = new Date('2026-03-30T05:00:00Z');
const EVENTS = [
  { id: 'e1', type: 'page_view', at: '2026-03-25T08:00:00Z', user: 'u1', device: 'desktop' },
  { id: 'e2', type: 'purchase', at: '2026-03-26T09:00:00Z', user: 'u1', device: 'desktop', properties: { revenue: 10 } },
  { id: 'e3', type: 'page_view', at: '2026-03-29T10:00:00Z', user: 'u2', device: 'mobile' },
  { id: 'late', type: 'page_view', at: '2026-03-30T04:00:00Z', user: 'u3', device: 'mobile' }, // the 30th: outside the days
];

interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver answering each POST with the next status of `statuses` (the last one repeats). */
async function startReceiver(statuses: number[]): Promise<{ url: string; received: ReceivedWebhook[]; server: Server }> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)];
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/report`, received, server };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('report schedules on PostgreSQL, two replicas', () => {
  let database: FreshDatabase;
  let stores: Store[];
  let directory: string;
  let replicas: ReportingAppUnderTest[];
  let smtp: SMTPServer;
  const mails: Buffer[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let flaky: Awaited<ReturnType<typeof startReceiver>>;
  let tenant: { id: string; secretKey: string };
  let other: { id: string; secretKey: string };
  let clock = START;
  const previousSmtpUrl = process.env['SMTP_URL'];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    process.env['SMTP_URL'] = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    receiver = await startReceiver([204]);
    flaky = await startReceiver([500, 500, 204]);

    database = await createFreshDatabase('pulse_report_schedules_it');
    stores = [];
    for (let index = 0; index < 2; index++)
      stores.push(await openStore({ kind: 'postgres', url: database.url, poolSize: 3 }, REPORTING_STORE_SCHEMA));
    directory = await mkdtemp(join(tmpdir(), 'pulse-report-schedules-it-'));
    const scheduling = { pollMs: 50, cleanupEveryMs: 0, delivery: { leaseMs: 60_000, timeoutMs: 5_000, retry: { maxAttempts: 3, initialDelayMs: 1_000, maxDelayMs: 60_000 } } };
    replicas = [];
    for (const store of stores) replicas.push(await startReportingApp(store, directory, { now: () => clock, pollMs: 50 }, { scheduling }));
    tenant = await replicas[0].createTenant({ timeZone: BERLIN, currency: 'EUR' });
    other = await replicas[0].createTenant({ timeZone: BERLIN, currency: 'EUR' });
    await storeQueryEvents(stores[0].dataSource, { id: tenant.id, timeZone: BERLIN, currency: 'EUR' }, EVENTS);
  }, 120_000);

  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.stop();
    for (const store of stores ?? []) await store.close();
    await database?.drop();
    if (directory) await rm(directory, { recursive: true, force: true });
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    receiver?.server.close();
    flaky?.server.close();
    if (previousSmtpUrl === undefined) delete process.env['SMTP_URL'];
    else process.env['SMTP_URL'] = previousSmtpUrl;
  });

  const [a, b] = [0, 1].map((index) => ({
    call: (method: string, path: string, body?: unknown, key?: string) => replicas[index].call(method, path, key ?? tenant.secretKey, body),
  }));

  it('creates, reads, replaces and deletes a schedule; the webhook secret is shown once', async () => {
    const report = (await a.call('POST', '/v1/reports', WEEKLY)).body;
    const created = await a.call('POST', `/v1/reports/${report.id}/schedules`, {
      cron: '0 8 * * 1',
      recipients: ['ceo@example.com'],
      webhookUrl: receiver.url,
    });
    expect(created.status).toBe(201);
    // Next Monday 08:00 in Berlin after Monday 30 March 07:00 CEST: today, 06:00 UTC.
    expect(created.body).toMatchObject({ cron: '0 8 * * 1', timeZone: BERLIN, enabled: true, nextRunAt: '2026-03-30T06:00:00.000Z', lastRunAt: null });
    expect(created.body.webhookSecret).toMatch(/^whsec_/);
    const read = await b.call('GET', `/v1/reports/${report.id}/schedules/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.webhookSecret).toBeUndefined();
    expect((await b.call('GET', `/v1/reports/${report.id}/schedules`)).body.map((schedule: { id: string }) => schedule.id)).toEqual([created.body.id]);

    const disabled = await a.call('PUT', `/v1/reports/${report.id}/schedules/${created.body.id}`, { cron: '30 2 * * *', enabled: false, period: 'yesterday' });
    expect(disabled.body).toMatchObject({ enabled: false, nextRunAt: null, period: 'yesterday', recipients: [], webhookUrl: null });
    const enabled = await a.call('PUT', `/v1/reports/${report.id}/schedules/${created.body.id}`, { cron: '30 2 * * *' });
    expect(enabled.body.nextRunAt).toBe('2026-03-31T00:30:00.000Z'); // 02:30 CEST on the 31st

    expect((await a.call('GET', `/v1/reports/${report.id}/schedules/${created.body.id}`, undefined, other.secretKey)).status).toBe(404);
    expect((await a.call('GET', `/v1/reports/${report.id}/schedules`, undefined, other.secretKey)).status).toBe(404);
    expect((await a.call('DELETE', `/v1/reports/${report.id}/schedules/${created.body.id}`, undefined, other.secretKey)).status).toBe(404);
    expect((await a.call('DELETE', `/v1/reports/${report.id}/schedules/${created.body.id}`)).status).toBe(204);
    expect((await a.call('GET', `/v1/reports/${report.id}/schedules/${created.body.id}`)).status).toBe(404);
    await a.call('DELETE', `/v1/reports/${report.id}`);
  });

  it('answers 400 naming the field and the rule', async () => {
    const report = (await a.call('POST', '/v1/reports', WEEKLY)).body;
    const rules = async (body: unknown) =>
      (await a.call('POST', `/v1/reports/${report.id}/schedules`, body)).body.errors?.map((error: { field: string; rule: string }) => [error.field, error.rule]);
    expect(await rules({ cron: '61 8 * * *' })).toEqual([['cron', 'isCronExpression']]);
    expect(await rules({ cron: '0 8 * *' })).toEqual([['cron', 'isFiveFieldCron']]);
    expect(await rules({ cron: '0 0 30 2 *' })).toEqual([['cron', 'occursAgain']]);
    expect(await rules({ cron: '0 8 * * *', recipients: ['not-an-address'] })).toEqual([['recipients', 'isEmail']]);
    expect(await rules({ cron: '0 8 * * *', webhookUrl: 'ftp://example.com/x' })).toEqual([['webhookUrl', 'isUrl']]);
    expect(await rules({ cron: '0 8 * * *', webhookUrl: `${replicas[0].url}/v1/reports` })).toEqual([['webhookUrl', 'isNotThisService']]);
    expect(await rules({ cron: '0 8 * * *', period: 'last_year' })).toEqual([['period', 'isIn']]);
    await a.call('DELETE', `/v1/reports/${report.id}`);
  });

  it('fires each occurrence once across two replicas: one run, one email with the file attached, one signed webhook', async () => {
    const report = (await a.call('POST', '/v1/reports', WEEKLY)).body;
    const schedule = (
      await a.call('POST', `/v1/reports/${report.id}/schedules`, { cron: '0 8 * * *', recipients: ['ceo@example.com', 'cfo@example.com'], webhookUrl: receiver.url })
    ).body;
    clock = new Date('2026-03-30T06:00:30Z');
    const [run] = await waitFor('the run', async () => {
      const runs = (await b.call('GET', `/v1/reports/${report.id}/runs`)).body;
      return runs.length > 0 && runs[0].status === 'completed' && runs;
    });
    expect(run).toMatchObject({ scheduleId: schedule.id, occurrenceAt: '2026-03-30T06:00:00.000Z', from: '2026-03-23', to: '2026-03-29' });
    const deliveries = await waitFor('both deliveries', async () => {
      const listed = (await a.call('GET', `/v1/reports/${report.id}/runs/${run.id}/deliveries`)).body;
      return listed.every((delivery: { status: string }) => delivery.status === 'delivered') && listed;
    });
    expect(deliveries).toMatchObject([
      { channel: 'email', target: 'ceo@example.com, cfo@example.com', status: 'delivered', attempts: 1, attemptLog: [{ response: expect.stringMatching(/^250/) }] },
      { channel: 'webhook', target: receiver.url, status: 'delivered', attempts: 1, attemptLog: [{ response: 'HTTP 204' }] },
    ]);
    // Twenty more looks of each replica make nothing more.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await a.call('GET', `/v1/reports/${report.id}/runs`)).body).toHaveLength(1);
    expect(mails).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
    expect((await b.call('GET', `/v1/reports/${report.id}/schedules/${schedule.id}`)).body).toMatchObject({
      lastRunAt: '2026-03-30T06:00:00.000Z',
      nextRunAt: '2026-03-31T06:00:00.000Z',
    });

    const download = await fetch(`${replicas[1].url}/v1/reports/${report.id}/runs/${run.id}/download`, { headers: { authorization: `Bearer ${tenant.secretKey}` } });
    const file = Buffer.from(await download.arrayBuffer());
    const mail = await simpleParser(mails[0]);
    expect(mail.subject).toBe('Weekly: 2026-03-23 – 2026-03-29');
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value.map((address) => address.address)).toEqual(['ceo@example.com', 'cfo@example.com']);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('weekly_2026-03-23_2026-03-29.csv');
    expect(mail.attachments[0].content.equals(file)).toBe(true);
    // Headline figures over 23-29 March: three events (the 30th's is outside), two users, one order of 10;
    // the week before (16-22 March) had nothing, so each change is the whole figure against a previous 0.
    for (const [title, value] of [['Events', '3'], ['Active users', '2'], ['Orders', '1'], ['Revenue', '10']]) {
      expect(mail.html).toContain(`<th align="left">${title}</th><td align="right">${value}</td><td>+${value} (previous 0)</td>`);
    }

    const [webhook] = receiver.received;
    expect(webhook.headers['x-pulse-signature']).toBe(webhookSignature(schedule.webhookSecret, webhook.body));
    expect(webhook.headers['x-pulse-delivery']).toBe(deliveries[1].id);
    expect(JSON.parse(webhook.body)).toEqual({
      type: 'report.completed',
      tenantId: tenant.id,
      report: { id: report.id, name: 'Weekly', type: 'executive_summary', format: 'csv' },
      run: {
        id: run.id,
        scheduleId: schedule.id,
        occurrenceAt: '2026-03-30T06:00:00.000Z',
        completedAt: '2026-03-30T06:00:30.000Z',
        fileName: 'weekly_2026-03-23_2026-03-29.csv',
        contentType: expect.stringContaining('text/csv'),
        fileSize: file.length,
      },
      range: { from: '2026-03-23', to: '2026-03-29', timeZone: BERLIN },
      downloadPath: `/v1/reports/${report.id}/runs/${run.id}/download`,
    });
    expect((await a.call('GET', `/v1/reports/${report.id}/runs/${run.id}/deliveries`, undefined, other.secretKey)).status).toBe(404);
    await a.call('DELETE', `/v1/reports/${report.id}/schedules/${schedule.id}`);
  });

  it('retries a failing webhook with backoff and lists every attempt', async () => {
    const report = (await a.call('POST', '/v1/reports', { ...WEEKLY, name: 'Flaky' })).body;
    const schedule = (await a.call('POST', `/v1/reports/${report.id}/schedules`, { cron: '15 8 * * *', webhookUrl: flaky.url, period: 'yesterday' }))
      .body;
    clock = new Date('2026-03-30T06:15:10Z');
    const [run] = await waitFor('the run', async () => {
      const runs = (await a.call('GET', `/v1/reports/${report.id}/runs`)).body;
      return runs.length > 0 && runs[0].status === 'completed' && runs;
    });
    // The schedule's period replaces the report's last_7_days: yesterday of the occurrence (Monday 30 March in Berlin).
    expect(run).toMatchObject({ from: '2026-03-29', to: '2026-03-29', occurrenceAt: '2026-03-30T06:15:00.000Z' });
    const deliveries = () => a.call('GET', `/v1/reports/${report.id}/runs/${run.id}/deliveries`).then((response) => response.body[0]);
    // 1 s after the first failure, then 2 s after the second (the test's clock: nothing is tried before it moves).
    const first = await waitFor('the first attempt', async () => ((await deliveries()).attempts === 1 && (await deliveries()).status === 'pending' && deliveries()));
    expect(first).toMatchObject({ status: 'pending', nextAttemptAt: '2026-03-30T06:15:11.000Z', attemptLog: [{ error: 'HTTP 500' }] });
    clock = new Date('2026-03-30T06:15:11Z');
    const second = await waitFor('the second attempt', async () => ((await deliveries()).attemptLog.length === 2 && deliveries()));
    expect(second).toMatchObject({ status: 'pending', nextAttemptAt: '2026-03-30T06:15:13.000Z' });
    clock = new Date('2026-03-30T06:15:13Z');
    const last = await waitFor('delivery', async () => ((await deliveries()).status === 'delivered' && deliveries()));
    expect(last.attempts).toBe(3);
    expect(last.attemptLog.map((attempt: { at: string; error?: string; response?: string }) => [attempt.at, attempt.error ?? attempt.response])).toEqual([
      ['2026-03-30T06:15:10.000Z', 'HTTP 500'],
      ['2026-03-30T06:15:11.000Z', 'HTTP 500'],
      ['2026-03-30T06:15:13.000Z', 'HTTP 204'],
    ]);
    expect(flaky.received).toHaveLength(3);
    // The same body and delivery id every time, each signed with the schedule's secret.
    expect(new Set(flaky.received.map((hit) => hit.body)).size).toBe(1);
    expect(flaky.received.map((hit) => hit.headers['x-pulse-delivery'])).toEqual([last.id, last.id, last.id]);
    expect(flaky.received[0].headers['x-pulse-signature']).toBe(webhookSignature(schedule.webhookSecret, flaky.received[0].body));
    await a.call('DELETE', `/v1/reports/${report.id}/schedules/${schedule.id}`);
  });

  it('sends nothing for a run that failed: its deliveries end failed with the run’s error', async () => {
    const report = (await a.call('POST', '/v1/reports', { ...WEEKLY, name: 'Broken' })).body;
    // A stored definition the engine no longer accepts (as after a rule change): the aggregation is gone.
    await stores[0].dataSource.query(
      `UPDATE "reports" SET "sections" = jsonb_set("sections", '{1,query,metric}', '{"type":"aggregate","field":"properties.revenue"}') WHERE "id" = $1`,
      [report.id],
    );
    const schedule = (await a.call('POST', `/v1/reports/${report.id}/schedules`, { cron: '30 8 * * *', recipients: ['ceo@example.com'], webhookUrl: receiver.url }))
      .body;
    clock = new Date('2026-03-30T06:30:10Z');
    const [run] = await waitFor('the run', async () => {
      const runs = (await a.call('GET', `/v1/reports/${report.id}/runs`)).body;
      return runs.length > 0 && runs[0].status === 'failed' && runs;
    });
    const deliveries = await waitFor('the deliveries', async () => {
      const listed = (await b.call('GET', `/v1/reports/${report.id}/runs/${run.id}/deliveries`)).body;
      return listed.length === 2 && listed.every((delivery: { status: string }) => delivery.status !== 'pending') && listed;
    });
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, attemptLog: [{ error: expect.stringMatching(/^the run failed: section "Active users"/) }] });
    }
    expect(mails).toHaveLength(1); // the first test's only
    expect(receiver.received).toHaveLength(1);
    await a.call('DELETE', `/v1/reports/${report.id}/schedules/${schedule.id}`);
  });

  it('removes runs and their files after the retention (30 days)', async () => {
    const before = await readdir(join(directory, tenant.id), { recursive: true });
    expect(before.filter((name) => name.endsWith('.csv'))).toHaveLength(2);
    clock = new Date('2026-04-30T06:16:00Z'); // 31 days after the runs completed
    await waitFor('the sweep', async () => (await readdir(join(directory, tenant.id), { recursive: true })).every((name) => !name.endsWith('.csv')));
    const reports = (await a.call('GET', '/v1/reports')).body;
    for (const report of reports) expect((await a.call('GET', `/v1/reports/${report.id}/runs`)).body).toEqual([]);
  });
});
