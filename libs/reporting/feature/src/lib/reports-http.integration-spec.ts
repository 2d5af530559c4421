import {
  assembleQuerySeries,
  planMetricQuery,
  queryPeriods,
  STREAM_PROCESSOR_ROLLUP_CATALOG,
  validateQueryRequest,
  type QueryRequest,
} from '@pulse/analytics-core';
import { REPORTING_STORE_SCHEMA, ReportRunRepository } from '@pulse/reporting-data-access';
import { MetricQueryExecutor, openStore, type Store } from '@pulse/storage';
import { createFreshDatabase, storeQueryEvents, type FreshDatabase, type QueryFixtureEvent } from '@pulse/storage/testing';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHtmlReport } from '../testing/html-document-reader';
import { readPdf } from '../testing/pdf-text-reader';
import { parseCsv, settledRun, startReportingApp, type ReportingAppUnderTest } from '../testing/reporting-app';
import { readXlsx, sheetValues } from '../testing/xlsx-reader';
import type { Worksheet } from 'exceljs';

const BERLIN = 'Europe/Berlin';
// "Now" for every replica: last_7_days is then March 25-31 in Berlin, [03-24T23:00Z, 03-31T22:00Z) (summer time from the 29th).
const NOW = new Date('2026-04-01T10:00:00Z');
const EVENTS: QueryFixtureEvent[] = [
  { id: 'before', type: 'page_view', at: '2026-03-24T22:30:00Z', user: 'u1', device: 'desktop' }, // 24th local: outside
  { id: 'e1', type: 'page_view', at: '2026-03-25T08:00:00Z', user: 'u1', device: 'desktop' },
  { id: 'e2', type: 'purchase', at: '2026-03-25T09:00:00Z', user: 'u1', device: 'desktop', properties: { revenue: 10, currency: 'EUR' } },
  { id: 'e3', type: 'page_view', at: '2026-03-28T23:30:00Z', user: 'u2', device: 'mobile' }, // 29th local
  { id: 'e4', type: 'purchase', at: '2026-03-29T01:30:00Z', user: 'u2', device: 'mobile', properties: { revenue: 30, currency: 'EUR' } },
  { id: 'e5', type: 'conversation_started', at: '2026-03-31T21:59:00Z', user: 'u3', device: 'mobile' }, // 23:59 on the 31st local
  { id: 'after', type: 'page_view', at: '2026-03-31T22:00:00Z', user: 'u3', device: 'mobile' }, // April 1st local: outside
];
const WEEKLY = { name: 'Weekly', type: 'executive_summary', format: 'csv', period: 'last_7_days' };

/** Rows of the CSV block titled `title` (after its header row). */
function csvBlock(rows: string[][], title: string): string[][] {
  const start = rows.findIndex((row) => row[0] === `# ${title}`);
  if (start < 0) throw new Error(`no section ${title}`);
  const end = rows.findIndex((row, index) => index > start && row.length === 1 && row[0] === '');
  return rows.slice(start + 2, end < 0 ? undefined : end);
}

describe('reports over HTTP on PostgreSQL, two replicas', () => {
  let database: FreshDatabase;
  let stores: Store[];
  let directory: string;
  let replicaA: ReportingAppUnderTest;
  let replicaB: ReportingAppUnderTest;
  let tenant: { id: string; secretKey: string };
  let other: { id: string; secretKey: string };

  beforeAll(async () => {
    database = await createFreshDatabase('pulse_reports_it');
    // Two replicas: two stores (connection pools) on one database, one file directory, the same clock.
    stores = [];
    for (let index = 0; index < 2; index++)
      stores.push(await openStore({ kind: 'postgres', url: database.url, poolSize: 3 }, REPORTING_STORE_SCHEMA));
    directory = await mkdtemp(join(tmpdir(), 'pulse-reports-it-'));
    replicaA = await startReportingApp(stores[0], directory, { now: () => NOW });
    replicaB = await startReportingApp(stores[1], directory, { now: () => NOW });
    tenant = await replicaA.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    other = await replicaA.createTenant({ timeZone: BERLIN, currency: 'EUR' });
    await storeQueryEvents(stores[0].dataSource, { id: tenant.id, timeZone: BERLIN, currency: 'EUR' }, EVENTS);
    // The other tenant's orders in the same week: four the first tenant's report must never count.
    const orders = [1, 2, 3, 4].map((n) => ({
      id: `o${n}`,
      type: 'purchase',
      at: '2026-03-27T12:00:00Z',
      user: `o${n}`,
      device: 'desktop',
      properties: { revenue: 1000 },
    }));
    await storeQueryEvents(stores[0].dataSource, { id: other.id, timeZone: BERLIN, currency: 'EUR' }, orders);
  }, 120_000);

  afterAll(async () => {
    await replicaA?.stop();
    await replicaB?.stop();
    for (const store of stores ?? []) await store.close();
    await database?.drop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  /** What the query engine answers for a section's query over the report's days, computed here with the executor. */
  async function engineSeries(query: Record<string, unknown>, from: string, to: string) {
    const validation = validateQueryRequest({ ...query, from, to } as unknown as QueryRequest, BERLIN);
    if (!validation.ok || validation.kind !== 'metric') throw new Error(JSON.stringify(validation));
    const periods = queryPeriods(validation.query);
    const plan = planMetricQuery(validation.query, STREAM_PROCESSOR_ROLLUP_CATALOG, BERLIN);
    const answer = await new MetricQueryExecutor(stores[0].dataSource).run({ id: tenant.id, currency: 'EUR' }, validation.query, plan, [
      periods.current,
    ]);
    return assembleQuerySeries(answer.rowsByPeriod[0], periods.current.buckets, [], { fillMissing: true, limit: 100 }).series[0];
  }

  async function generated(report: { id: string }) {
    const queued = await replicaA.call('POST', `/v1/reports/${report.id}/generate`, tenant.secretKey);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', progress: 0, error: null });
    return settledRun(replicaA, tenant.secretKey, report.id, queued.body.id);
  }

  it('creates an executive summary from its template alone, generates it in the background and serves a CSV with the engine’s figures', async () => {
    const created = await replicaA.call('POST', '/v1/reports', tenant.secretKey, WEEKLY);
    expect(created.status).toBe(201);
    expect(created.body.sections.map((section: { title: string }) => section.title)).toContain('Events per day');

    const run = await generated(created.body);
    expect(run).toMatchObject({ status: 'completed', progress: 100, error: null, from: '2026-03-25', to: '2026-03-31' });
    const file = await replicaA.call('GET', `/v1/reports/${created.body.id}/runs/${run.id}/download`, tenant.secretKey);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="weekly_2026-03-25_2026-03-31.csv"');

    const rows = parseCsv(file.body);
    expect(rows.slice(0, 5)).toEqual([
      ['report', 'Weekly'],
      ['type', 'executive_summary'],
      ['from', '2026-03-25'],
      ['to', '2026-03-31'],
      ['timeZone', BERLIN],
    ]);
    // By hand: e1-e5 fall in the week (not "before", not "after"); users u1-u3; orders e2, e4; revenue 10 + 30.
    // The previous 7 days (March 18-24) hold only "before": 1 event, 1 user; no previous order → no percentage.
    const figure = (title: string) => csvBlock(rows, title);
    expect(rows[rows.findIndex((row) => row[0] === '# Events') + 1]).toEqual(['value', 'previous', 'change', 'changePercent']);
    expect([figure('Events'), figure('Active users'), figure('Orders'), figure('Revenue'), figure('Conversations started')]).toEqual([
      [['5', '1', '4', '400']],
      [['3', '1', '2', '200']],
      [['2', '0', '2', '']],
      [['40', '0', '40', '']],
      [['1', '0', '1', '']],
    ]);
    const previousEvents = await engineSeries(
      { metric: { type: 'event_count' }, granularity: 'day' },
      '2026-03-17T23:00:00Z',
      '2026-03-24T23:00:00Z',
    );
    expect(previousEvents.total).toBe(1);

    const engine = await engineSeries(
      { metric: { type: 'event_count' }, granularity: 'day' },
      '2026-03-24T23:00:00Z',
      '2026-03-31T22:00:00Z',
    );
    expect(figure('Events per day')).toEqual(engine.points.map((point) => [point.label, String(point.value)]));
    expect(engine.points.map((point) => point.value)).toEqual([2, 0, 0, 0, 2, 0, 1]);
  });

  it('writes JSON for fixed days, its figures those of the engine', async () => {
    const created = await replicaA.call('POST', '/v1/reports', tenant.secretKey, {
      name: 'March commerce',
      type: 'commerce',
      format: 'json',
      from: '2026-03-25',
      to: '2026-03-29',
    });
    expect(created.status).toBe(201);
    const run = await generated(created.body);
    expect(run.status).toBe('completed');
    const file = await replicaA.call('GET', `/v1/reports/${created.body.id}/runs/${run.id}/download`, tenant.secretKey);
    expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="march-commerce_2026-03-25_2026-03-29.json"');
    const sections = new Map<string, { columns: string[]; rows: unknown[][] }>(
      file.body.sections.map((section: { title: string }) => [section.title, section]),
    );
    expect(file.body.range).toEqual({ from: '2026-03-25', to: '2026-03-29', timeZone: BERLIN });
    // Against March 20-24: "before" is a page view, no order.
    expect(sections.get('Orders')).toMatchObject({ rows: [[2, 0, 2, null]], previousPeriod: { from: '2026-03-20', to: '2026-03-24' } });
    const revenue = await engineSeries(
      { metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue', aggregation: 'sum' }, granularity: 'day' },
      '2026-03-24T23:00:00Z',
      '2026-03-29T22:00:00Z',
    );
    expect(sections.get('Revenue per day')).toMatchObject({
      columns: ['day', 'value'],
      rows: revenue.points.map((point) => [point.label, point.value]),
    });
    expect(revenue.points.map((point) => point.value)).toEqual([10, 0, 0, 0, 30]);
  });

  it('reads funnel, retention, commerce and conversation sections as the insights routes answer them, and draws them', async () => {
    // Filters keep the funnel and retention on the raw events (the fixture writes no event-time chunks or first-seen rows).
    const unfiltered = [{ property: 'coupon', operator: 'is_not_set' }];
    const funnel = { steps: [{ eventType: 'page_view', filters: unfiltered }, { eventType: 'purchase' }], conversionWindow: { value: 1, unit: 'day' } };
    const sections = [
      { title: 'Funnel', kind: 'metric', source: 'funnel', query: funnel },
      { title: 'Funnel steps', kind: 'chart', source: 'funnel', query: funnel },
      {
        title: 'Retention',
        kind: 'table',
        source: 'retention',
        query: { period: 'day', periods: 5, cohortEvent: { eventType: 'page_view', filters: unfiltered }, returnEvent: { eventType: 'purchase' } },
      },
      { title: 'Shop', kind: 'metric', source: 'commerce' },
      { title: 'By region', kind: 'chart', source: 'commerce', query: { breakdown: 'region' } },
      { title: 'Conversations', kind: 'metric', source: 'conversations' },
    ];
    const request = { name: 'Sources', type: 'custom', from: '2026-03-25', to: '2026-03-29', sections };
    const [json, html] = await Promise.all(
      ['json', 'html'].map(async (format) => {
        const created = await replicaA.call('POST', '/v1/reports', tenant.secretKey, { ...request, format });
        expect(created.status).toBe(201);
        expect(created.body.sections[1]).toEqual(sections[1]);
        const run = await generated(created.body);
        expect(run).toMatchObject({ status: 'completed', error: null });
        return (await fetch(`${replicaA.url}/v1/reports/${created.body.id}/runs/${run.id}/download`, { headers: { authorization: `Bearer ${tenant.secretKey}` } })).text();
      }),
    );
    const tables = new Map<string, { columns: string[]; rows: unknown[][] }>(JSON.parse(json).sections.map((section: { title: string }) => [section.title, section]));
    // 25-29 March: u1 viewed at 09:00 and bought at 10:00 on the 25th, u2 viewed at 00:30 and bought at 03:30 on the 29th.
    // 20-24 March: only u1's view at 23:30 on the 24th (its purchase falls in the next period).
    expect(tables.get('Funnel')?.rows).toEqual([
      ['Entered', 2, 1, 1, 100],
      ['Completed', 2, 0, 2, null],
      ['Conversion %', 100, 0, 100, null],
    ]);
    expect(tables.get('Funnel steps')?.rows.map((row) => row.slice(0, 6))).toEqual([
      [1, 'page_view', 2, 100, 100, 0],
      [2, 'purchase', 2, 100, 100, 0],
    ]);
    // u1 first viewed on the 24th, before the first period: no cohort. u2's cohort is the 29th; the purchase that day is no return.
    expect(tables.get('Retention')).toMatchObject({
      columns: ['cohort', 'size', 'day_0', 'day_1', 'day_2', 'day_3', 'day_4'],
      rows: [
        ['2026-03-25', 0, 0, 0, 0, 0, 0],
        ['2026-03-26', 0, 0, 0, 0, 0, null],
        ['2026-03-27', 0, 0, 0, 0, null, null],
        ['2026-03-28', 0, 0, 0, null, null, null],
        ['2026-03-29', 1, 100, null, null, null, null],
      ],
    });
    // Two orders of 10 and 30 EUR by two buyers among two visitors; the period before had one visitor and no order.
    expect(tables.get('Shop')?.rows).toEqual([
      ['Revenue (EUR)', 40, 0, 40, null],
      ['Orders', 2, 0, 2, null],
      ['Average order value (EUR)', 20, 0, 20, null],
      ['Buyers', 2, 0, 2, null],
      ['Visitors', 2, 1, 1, 100],
      ['Conversion rate %', 100, 0, 100, null],
    ]);
    expect(tables.get('By region')?.rows).toEqual([['unknown', 40, 2, 100]]);
    // The one conversation starts on the 31st, after the range.
    expect(tables.get('Conversations')?.rows[0]).toEqual(['Conversations', 0, 0, 0, null]);

    const page = readHtmlReport(html);
    expect(page.figures.find((figure) => figure.label === 'Funnel — Conversion %')).toMatchObject({ value: 100, previous: 0 });
    const drawn = new Map(page.sections.map((section) => [section.title, section.svgCount]));
    expect([drawn.get('Funnel steps'), drawn.get('Retention'), drawn.get('By region'), drawn.get('Shop')]).toEqual([1, 1, 1, 0]);
    expect(html).toContain('1. page_view');
  });

  describe('HTML, PDF and XLSX of the executive summary, read back', () => {
    // The week (March 25-31 in Berlin) and the 7 days before it, as instants.
    const WEEK = ['2026-03-24T23:00:00Z', '2026-03-31T22:00:00Z'] as const;
    const WEEK_BEFORE = ['2026-03-17T23:00:00Z', '2026-03-24T23:00:00Z'] as const;
    const eventCount = { metric: { type: 'event_count' }, granularity: 'day' };
    const uniqueUsers = { metric: { type: 'unique_users' }, granularity: 'day' };
    let engine: {
      events: number;
      eventsBefore: number;
      users: number;
      usersBefore: number;
      eventsPerDay: Array<[string, number]>;
      usersPerDay: Array<[string, number]>;
    };

    beforeAll(async () => {
      const events = await engineSeries(eventCount, ...WEEK);
      const users = await engineSeries(uniqueUsers, ...WEEK);
      engine = {
        events: events.total,
        eventsBefore: (await engineSeries(eventCount, ...WEEK_BEFORE)).total,
        users: users.total,
        usersBefore: (await engineSeries(uniqueUsers, ...WEEK_BEFORE)).total,
        eventsPerDay: events.points.map((point) => [point.label, point.value]),
        usersPerDay: users.points.map((point) => [point.label, point.value]),
      };
      // By hand, as in the CSV test: 5 events and 3 users in the week, 1 and 1 in the week before.
      expect([engine.events, engine.eventsBefore, engine.users, engine.usersBefore]).toEqual([5, 1, 3, 1]);
    });

    /** Creates the weekly report in `format`, generates it and downloads the file's bytes. */
    async function downloaded(format: string): Promise<{ file: Buffer; headers: Headers }> {
      const created = await replicaA.call('POST', '/v1/reports', tenant.secretKey, { ...WEEKLY, format });
      expect(created.status).toBe(201);
      const run = await generated(created.body);
      expect(run).toMatchObject({ status: 'completed', error: null });
      const response = await fetch(`${replicaA.url}/v1/reports/${created.body.id}/runs/${run.id}/download`, {
        headers: { authorization: `Bearer ${tenant.secretKey}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="weekly_2026-03-25_2026-03-31.${format}"`);
      return { file: Buffer.from(await response.arrayBuffer()), headers: response.headers };
    }

    it('HTML: headline figures with change and section tables equal the engine’s', async () => {
      const { file, headers } = await downloaded('html');
      expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
      const page = readHtmlReport(file.toString('utf8'));
      expect(page.meta).toMatchObject({ from: '2026-03-25', to: '2026-03-31', timeZone: BERLIN });
      const figure = (label: string) => page.figures.find((candidate) => candidate.label === label);
      expect(figure('Events')).toMatchObject({
        value: engine.events,
        previous: engine.eventsBefore,
        changePercent: ((engine.events - engine.eventsBefore) / engine.eventsBefore) * 100,
      });
      expect(figure('Active users')).toMatchObject({ value: engine.users, previous: engine.usersBefore });
      const section = (title: string) => page.sections.find((candidate) => candidate.title === title);
      expect(section('Events per day')).toMatchObject({ columns: ['Day', 'Value'], rows: engine.eventsPerDay, svgCount: 1 });
      expect(section('Active users per day')?.rows).toEqual(engine.usersPerDay);
    });

    it('PDF: the extracted text shows the engine’s figures, their change and the daily tables', async () => {
      const { file, headers } = await downloaded('pdf');
      expect(headers.get('content-type')).toBe('application/pdf');
      const { text } = await readPdf(file);
      const percent = ((engine.events - engine.eventsBefore) / engine.eventsBefore) * 100;
      expect(text).toContain(
        `Events\n${engine.events}\n+${engine.events - engine.eventsBefore} (+${percent}%)\nvs 2026-03-18 – 2026-03-24`,
      );
      expect(text).toContain(`Active users\n${engine.users}\n+${engine.users - engine.usersBefore}`);
      expect(text).toContain(`Day Value\n${engine.eventsPerDay.map(([day, value]) => `${day} ${value}`).join('\n')}`);
      expect(text).toContain(`Day Value\n${engine.usersPerDay.map(([day, value]) => `${day} ${value}`).join('\n')}`);
    });

    it('XLSX: the summary and each section sheet hold the engine’s figures as typed cells', async () => {
      const { file, headers } = await downloaded('xlsx');
      expect(headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = await readXlsx(file);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
        'Summary',
        'Events',
        'Active users',
        'Orders',
        'Revenue',
        'Conversations started',
        'Events per day',
        'Active users per day',
      ]);
      const sheet = (name: string) => workbook.worksheets.find((candidate) => candidate.name === name) as Worksheet;
      const summary = sheetValues(sheet('Summary'));
      const figure = (label: string) => summary.find((row) => row[0] === label)?.slice(1, 5);
      expect(figure('Events')).toEqual([
        engine.events,
        engine.eventsBefore,
        engine.events - engine.eventsBefore,
        (engine.events - engine.eventsBefore) / engine.eventsBefore,
      ]);
      expect(figure('Active users')).toEqual([engine.users, engine.usersBefore, engine.users - engine.usersBefore, 2]);
      const day = (label: string) => new Date(`${label}T00:00:00Z`);
      expect(sheetValues(sheet('Events per day'))).toEqual([
        ['Day', 'Value'],
        ...engine.eventsPerDay.map(([label, value]) => [day(label), value]),
      ]);
      expect(sheet('Active users per day').views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    });
  });

  it('ends a run whose section the engine rejects failed, with the reason', async () => {
    const created = await replicaA.call('POST', '/v1/reports', tenant.secretKey, WEEKLY);
    // A stored definition the engine no longer accepts (as after a rule change): the aggregation is gone.
    await stores[0].dataSource.query(
      `UPDATE "reports" SET "sections" = jsonb_set("sections", '{1,query,metric}', '{"type":"aggregate","field":"properties.revenue"}') WHERE "id" = $1`,
      [created.body.id],
    );
    const run = await generated(created.body);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^section "Active users": query\.metric\.aggregation: /);
    const download = await replicaA.call('GET', `/v1/reports/${created.body.id}/runs/${run.id}/download`, tenant.secretKey);
    expect(download.status).toBe(409);
  });

  it('refuses what could not be generated, naming the field', async () => {
    const refused = async (body: object) =>
      (await replicaA.call('POST', '/v1/reports', tenant.secretKey, { ...WEEKLY, ...body })).body.errors.map(
        (error: { field: string }) => error.field,
      );
    expect(await refused({ format: 'docx' })).toEqual(['format']);
    expect(await refused({ type: 'weekly' })).toEqual(['type']);
    expect(
      await refused({
        type: 'custom',
        sections: [{ title: 'x', kind: 'chart', query: { metric: { type: 'event_count', field: 7 }, granularity: 'day' } }],
      }),
    ).toEqual(['sections[0].query.metric.field']);
    // Each source's own shape and rules: a funnel of one step, a breakdown commerce does not have, retention as one figure.
    expect(
      await refused({
        type: 'custom',
        sections: [
          { title: 'f', kind: 'chart', source: 'funnel', query: { steps: [{ eventType: 'page_view' }], conversionWindowSeconds: 60 } },
          { title: 'c', kind: 'table', source: 'commerce', query: { breakdown: 'colour' } },
        ],
      }),
    ).toEqual(['sections[0].query.steps', 'sections[1].query.breakdown']);
    expect(
      await refused({ type: 'custom', sections: [{ title: 'r', kind: 'metric', source: 'retention', query: { period: 'week', periods: 4 } }] }),
    ).toEqual(['sections[0].kind']);
    expect((await replicaA.call('GET', '/v1/reports', null)).status).toBe(401);
  });

  it("shows a tenant nothing of another's reports", async () => {
    const created = await replicaA.call('POST', '/v1/reports', tenant.secretKey, WEEKLY);
    const id = created.body.id;
    const run = await generated(created.body);
    for (const [method, path] of [
      ['GET', `/v1/reports/${id}`],
      ['PUT', `/v1/reports/${id}`],
      ['DELETE', `/v1/reports/${id}`],
      ['POST', `/v1/reports/${id}/generate`],
      ['GET', `/v1/reports/${id}/runs`],
      ['GET', `/v1/reports/${id}/runs/${run.id}`],
      ['GET', `/v1/reports/${id}/runs/${run.id}/download`],
    ]) {
      expect([method, path, (await replicaA.call(method, path, other.secretKey, method === 'PUT' ? WEEKLY : undefined)).status]).toEqual([
        method,
        path,
        404,
      ]);
    }
    expect((await replicaA.call('GET', '/v1/reports', other.secretKey)).body).toEqual([]);
    expect((await replicaA.call('DELETE', `/v1/reports/${id}`, tenant.secretKey)).status).toBe(204);
    expect((await replicaA.call('GET', `/v1/reports/${id}`, tenant.secretKey)).status).toBe(404);
    // Its runs went with it, and their files.
    expect(await readdir(join(directory, tenant.id, id))).toEqual([]);
  });

  it('generates each queued run once with two replicas claiming, and takes over a run whose worker died', async () => {
    const created = await replicaA.call('POST', '/v1/reports', tenant.secretKey, { ...WEEKLY, format: 'json' });
    const runs = new ReportRunRepository(stores[0].dataSource);
    const newRun = { tenantId: tenant.id, reportId: created.body.id, format: 'json', rangeFrom: '2026-03-25', rangeTo: '2026-03-31' };
    // A replica claimed this one ten minutes ago with a one-minute lease and died. Written as claimed in one
    // statement: enqueued and then claimed here, a polling replica could take it first.
    const [abandoned] = (await stores[0].dataSource.query(
      `INSERT INTO "report_runs" ("tenant_id", "report_id", "format", "range_from", "range_to", "status", "attempts", "started_at", "lease_expires_at")
       VALUES ($1::uuid, $2::uuid, $3, $4, $5, 'generating', 1, $6, $7) RETURNING "id"`,
      [newRun.tenantId, newRun.reportId, newRun.format, newRun.rangeFrom, newRun.rangeTo, new Date(NOW.getTime() - 600_000), new Date(NOW.getTime() - 540_000)],
    )) as { id: string }[];
    // Queued straight into the table: no replica is told, both find them by polling.
    for (let index = 0; index < 8; index++) await runs.enqueue(newRun);

    let all = await runs.list(tenant.id, created.body.id);
    for (let attempt = 0; attempt < 300 && all.some((run) => run.status !== 'completed'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      all = await runs.list(tenant.id, created.body.id);
    }
    expect(all.map((run) => run.status)).toEqual(Array(9).fill('completed'));
    expect(all.filter((run) => run.id !== abandoned?.id).map((run) => run.attempts)).toEqual(Array(8).fill(1));
    expect(all.find((run) => run.id === abandoned?.id)?.attempts).toBe(2);
  });
});
