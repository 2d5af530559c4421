import { ExportPageQueries, type SqlExecutor } from '@pulse/storage';
import { POSTGRES_TARGET, STORE_TARGETS } from '@pulse/storage/testing';
import { request, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startReportingApp, type ExportTenant, type ReportingAppUnderTest } from '../../testing/export-app';
import { ExportService } from './export.service';

/*
 * Tenants "shop" and "other", both Europe/Berlin (UTC+1 in March 2025). Range from=2025-03-10 to=2025-03-12:
 * local days 03-10 and 03-11 = instants [03-09T23:00Z, 03-11T23:00Z).
 *   e0 03-09T22:59:59Z (local 03-09 23:59)  before the range
 *   e1 03-09T23:00:00Z (local 03-10 00:00)  first instant of the range; user id is a formula
 *   e2 03-11T12:00:00Z                      user id starts with a tab; properties with a comma, quotes, a line
 *                                           break, backslashes, a tab, non-ASCII and a formula-like string
 *   e3 03-11T23:00:00Z (local 03-12 00:00)  to is excluded
 * "other" has an e1 at the same instant: never in shop's file.
 */
const RANGE = 'from=2025-03-10&to=2025-03-12';

interface SeedEvent {
  id: string;
  at: string;
  userId: string | null;
  properties: Record<string, unknown>;
}

const SHOP_EVENTS: SeedEvent[] = [
  { id: 'e0', at: '2025-03-09T22:59:59.000Z', userId: 'u0', properties: {} },
  { id: 'e1', at: '2025-03-09T23:00:00.000Z', userId: '=HYPERLINK("http://evil")', properties: { plan: 'pro', revenue: 12.5 } },
  {
    id: 'e2',
    at: '2025-03-11T12:00:00.000Z',
    userId: '\t-1+ü\\',
    properties: { note: 'a, "b"\nc', path: 'C:\\dir\\n', quote: '\\"', emoji: 'Grüße 😀', tab: '\t', formula: '-1' },
  },
  { id: 'e3', at: '2025-03-11T23:00:00.000Z', userId: 'u3', properties: {} },
];
const OTHER_EVENTS: SeedEvent[] = [{ id: 'e1', at: '2025-03-09T23:00:00.000Z', userId: 'intruder', properties: { plan: 'other' } }];

/** The events export of shop's range, as the rows should read (JSON columns parsed). */
const SHOP_EVENT_ROWS = [
  {
    event_id: 'e1',
    type: 'page_viewed',
    category: 'content',
    occurred_at: '2025-03-09T23:00:00.000Z',
    received_at: '2025-03-09T23:00:00.000Z',
    user_id: '=HYPERLINK("http://evil")',
    anonymous_id: null,
    session_id: 's-e1',
    properties: { plan: 'pro', revenue: 12.5 },
    context: { page: { path: '/e1' } },
  },
  {
    event_id: 'e2',
    type: 'page_viewed',
    category: 'content',
    occurred_at: '2025-03-11T12:00:00.000Z',
    received_at: '2025-03-11T12:00:00.000Z',
    user_id: '\t-1+ü\\',
    anonymous_id: null,
    session_id: 's-e2',
    properties: { note: 'a, "b"\nc', path: 'C:\\dir\\n', quote: '\\"', emoji: 'Grüße 😀', tab: '\t', formula: '-1' },
    context: { page: { path: '/e2' } },
  },
];

async function seedEvents(sql: SqlExecutor, tenant: ExportTenant, events: readonly SeedEvent[]): Promise<void> {
  for (const event of events) {
    await sql.query(
      `INSERT INTO "events" ("tenant_id", "event_id", "type", "category", "occurred_at", "received_at", "user_id", "session_id", "properties", "context")
       VALUES ($1, $2, 'page_viewed', 'content', $3, $3, $4, $5, $6, $7)`,
      [
        tenant.id,
        event.id,
        event.at,
        event.userId,
        `s-${event.id}`,
        JSON.stringify(event.properties),
        JSON.stringify({ page: { path: `/${event.id}` } }),
      ],
    );
  }
}

async function seedDailyRollup(
  sql: SqlExecutor,
  tenant: ExportTenant,
  day: string,
  bucketStart: string,
  eventCount: number,
): Promise<void> {
  await sql.query(
    `INSERT INTO "event_rollups" ("id", "tenant_id", "granularity", "bucket_start", "bucket_label", "event_type", "dimension_set", "dimensions", "event_count", "unique_users", "updated_at")
     VALUES (gen_random_uuid(), $1, 'day', $2, $3, 'page_viewed', '', '{}', $4, 2, now())`,
    [tenant.id, bucketStart, day, eventCount],
  );
}

async function seedConversation(sql: SqlExecutor, tenant: ExportTenant, id: string, startedAt: string, startDate: string): Promise<void> {
  await sql.query(
    `INSERT INTO "conversation_states" ("tenant_id", "conversation_id", "status", "started_at", "start_date", "last_event_at", "outcome_at", "outcome_date", "user_key", "channel", "message_count", "updated_at")
     VALUES ($1, $2, 'resolved', $3, $4, $3, $3, $4, 'user-1', 'web_chat', 4, now())`,
    [tenant.id, id, startedAt, startDate],
  );
}

interface Download {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** How many pieces the body arrived in on the socket. */
  dataEvents: number;
}

function download(app: ReportingAppUnderTest, tenant: ExportTenant | null, query: string): Promise<Download> {
  return new Promise((resolve, reject) => {
    const call = request(
      `${app.url}/v1/export?${query}`,
      { headers: tenant ? { authorization: `Bearer ${tenant.secretKey}` } : {} },
      (response) => {
        const pieces: Buffer[] = [];
        response.on('data', (piece: Buffer) => pieces.push(piece));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(pieces).toString('utf8'),
            dataEvents: pieces.length,
          }),
        );
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end();
  });
}

// papaparse (installed with danfojs) ships no types; the one call the test makes.
interface CsvParser {
  parse(
    text: string,
    options: { header: true; skipEmptyLines: true; newline: string },
  ): { data: Array<Record<string, string>>; errors: unknown[] };
}
const Papa = require('papaparse') as CsvParser;

/** CSV read back by papaparse; JSON columns parsed, empty cells null. */
function csvRows(body: string): Array<Record<string, unknown>> {
  const parsed = Papa.parse(body, { header: true, skipEmptyLines: true, newline: '\n' });
  expect(parsed.errors).toEqual([]);
  return parsed.data.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([name, value]) => [
        name,
        value === '' ? null : ['properties', 'context', 'dimensions'].includes(name) ? JSON.parse(value) : value,
      ]),
    ),
  );
}

describe.each(STORE_TARGETS)('GET /v1/export on $name', (target) => {
  let app: ReportingAppUnderTest;
  let shop: ExportTenant;
  let other: ExportTenant;

  beforeAll(async () => {
    app = await startReportingApp(target);
    shop = await app.createTenant('Europe/Berlin');
    other = await app.createTenant('Europe/Berlin');
    const sql = app.store.dataSource;
    await seedEvents(sql, shop, SHOP_EVENTS);
    await seedEvents(sql, other, OTHER_EVENTS);
    await seedDailyRollup(sql, shop, '2025-03-09', '2025-03-08T23:00:00Z', 1);
    await seedDailyRollup(sql, shop, '2025-03-10', '2025-03-09T23:00:00Z', 7);
    await seedDailyRollup(sql, shop, '2025-03-11', '2025-03-10T23:00:00Z', 9);
    await seedDailyRollup(sql, other, '2025-03-10', '2025-03-09T23:00:00Z', 100);
    await seedConversation(sql, shop, 'c1', '2025-03-09T23:30:00Z', '2025-03-10');
    await seedConversation(sql, shop, 'c2', '2025-03-11T23:30:00Z', '2025-03-12');
    await seedConversation(sql, other, 'c1', '2025-03-10T10:00:00Z', '2025-03-10');
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('exports the tenant’s events of the range as CSV, formula cells neutralised, with the file name', async () => {
    const answer = await download(app, shop, `${RANGE}&dataset=events&format=csv`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toBe(`attachment; filename="${shop.slug}-events-2025-03-10-2025-03-12.csv"`);
    const neutralised = SHOP_EVENT_ROWS.map((row) => ({ ...row, user_id: `'${row.user_id}` }));
    expect(csvRows(answer.body)).toEqual(neutralised);
  });

  it('writes CSV byte for byte as the paged writer does (what the embedded store serves)', async () => {
    const answer = await download(app, shop, `${RANGE}&dataset=events&format=csv`);
    const paged = new ExportService(new ExportPageQueries(app.store.dataSource), 1).pagedText(
      { id: shop.id, slug: shop.slug, name: 'shop', timeZone: 'Europe/Berlin', currency: 'EUR' },
      { from: '2025-03-10', to: '2025-03-12', dataset: 'events', format: 'csv' },
    );
    let text = '';
    for await (const piece of paged) text += piece;
    expect(answer.body).toBe(text);
  });

  it('exports the same events as one JSON array and as NDJSON', async () => {
    const json = await download(app, shop, `${RANGE}&dataset=events&format=json`);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body)).toEqual(SHOP_EVENT_ROWS);
    const ndjson = await download(app, shop, `${RANGE}&dataset=events&format=ndjson`);
    expect(ndjson.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(ndjson.headers['content-disposition']).toContain('.ndjson"');
    expect(
      ndjson.body
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(SHOP_EVENT_ROWS);
  });

  it('exports the daily rollups of the tenant’s local days', async () => {
    const answer = await download(app, shop, `${RANGE}&dataset=daily_metrics&format=json`);
    expect(JSON.parse(answer.body)).toEqual([
      { day: '2025-03-10', event_type: 'page_viewed', dimensions: {}, event_count: 7, unique_users: 2 },
      { day: '2025-03-11', event_type: 'page_viewed', dimensions: {}, event_count: 9, unique_users: 2 },
    ]);
  });

  it('exports the conversations that began on the range’s local days', async () => {
    const answer = await download(app, shop, `${RANGE}&dataset=conversations&format=csv`);
    expect(csvRows(answer.body)).toEqual([
      {
        conversation_id: 'c1',
        status: 'resolved',
        started_at: '2025-03-09T23:30:00.000Z',
        start_date: '2025-03-10',
        last_event_at: '2025-03-09T23:30:00.000Z',
        outcome_at: '2025-03-09T23:30:00.000Z',
        outcome_date: '2025-03-10',
        user_key: 'user-1',
        channel: 'web_chat',
        message_count: '4',
      },
    ]);
  });

  it('answers an empty range with the header row only', async () => {
    const answer = await download(app, shop, 'from=2024-01-01&to=2024-01-02&dataset=conversations&format=csv');
    expect(answer.body).toBe(
      'conversation_id,status,started_at,start_date,last_event_at,outcome_at,outcome_date,user_key,channel,message_count\n',
    );
  });

  it.each([
    ['from=2025-03-12&to=2025-03-12&dataset=events&format=csv', 'to', 'isAfterFrom'],
    ['from=2024-01-01&to=2025-01-02&dataset=events&format=csv', 'to', 'maxRangeDays'],
    ['from=2025-3-1&to=2025-03-12&dataset=events&format=csv', 'from', 'isLocalDate'],
    [`${RANGE}&dataset=users&format=csv`, 'dataset', 'isIn'],
    [`${RANGE}&dataset=events&format=xlsx`, 'format', 'isIn'],
  ])('rejects %s with 400 naming %s and the rule %s', async (query, field, rule) => {
    const answer = await download(app, shop, query);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).errors).toEqual([expect.objectContaining({ field, rule })]);
  });

  it('asks for the secret key', async () => {
    expect((await download(app, null, `${RANGE}&dataset=events&format=csv`)).status).toBe(401);
  });

  describe('20,000 events', () => {
    let bulk: ExportTenant;
    const ROWS = 20_000;

    beforeAll(async () => {
      bulk = await app.createTenant('UTC');
      await app.store.dataSource.query(
        `INSERT INTO "events" ("tenant_id", "event_id", "type", "category", "occurred_at", "received_at", "properties", "context")
         SELECT $1, 'bulk-' || n, 'page_viewed', 'content', timestamptz '2025-03-10T00:00:00Z' + n * interval '1 second',
                timestamptz '2025-03-10T00:00:00Z', jsonb_build_object('n', n), '{}'
           FROM generate_series(1, $2::int) AS n`,
        [bulk.id, ROWS],
      );
    });

    it('streams every row, in time order, in several pieces', async () => {
      const answer = await download(app, bulk, 'from=2025-03-10&to=2025-03-11&dataset=events&format=ndjson');
      const rows = answer.body
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(rows.map((row) => row.properties.n)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
      expect(answer.dataEvents).toBeGreaterThan(1);
    });

    it('reads the store one page per statement, and no further than the reader has asked', async () => {
      const statements: string[] = [];
      const counting: SqlExecutor = { query: (sql, parameters) => (statements.push(sql), app.store.dataSource.query(sql, parameters)) };
      const file = new ExportService(new ExportPageQueries(counting), 1_000).pagedText(
        { id: bulk.id, slug: 'bulk', name: 'bulk', timeZone: 'UTC', currency: 'EUR' },
        { from: '2025-03-10', to: '2025-03-11', dataset: 'events', format: 'csv' },
      );
      await file.next(); // header
      await file.next(); // first page
      expect(statements).toHaveLength(1);
      await file.return(undefined); // what destroying the response stream does
      expect(statements).toHaveLength(1);

      const whole = new ExportService(new ExportPageQueries(counting), 1_000).pagedText(
        { id: bulk.id, slug: 'bulk', name: 'bulk', timeZone: 'UTC', currency: 'EUR' },
        { from: '2025-03-10', to: '2025-03-11', dataset: 'events', format: 'csv' },
      );
      statements.length = 0;
      let lines = 0;
      for await (const chunk of whole) lines += chunk.split('\n').length - 1;
      expect(lines).toBe(ROWS + 1);
      // 20 full pages, then an empty one that ends the keyset walk
      expect(statements).toHaveLength(21);
    });
  });
});

describe('a download aborted mid-stream on PostgreSQL', () => {
  let app: ReportingAppUnderTest;
  let big: ExportTenant;

  beforeAll(async () => {
    app = await startReportingApp(POSTGRES_TARGET);
    big = await app.createTenant('UTC');
    // ~50 MB of CSV: far more than the socket buffers between the COPY and a client that stops reading.
    await app.store.dataSource.query(
      `INSERT INTO "events" ("tenant_id", "event_id", "type", "category", "occurred_at", "received_at", "properties", "context")
       SELECT $1, 'big-' || n, 'page_viewed', 'content', timestamptz '2025-03-10T00:00:00Z' + n * interval '100 ms',
              timestamptz '2025-03-10T00:00:00Z', jsonb_build_object('n', n, 'pad', repeat('x', 400)), '{}'
         FROM generate_series(1, 100000) AS n`,
      [big.id],
    );
  });

  afterAll(async () => {
    await app?.stop();
  });

  /** COPY statements of this test's database other than this query's session. */
  async function copiesRunning(): Promise<Array<{ state: string }>> {
    return app.store.dataSource.query(
      `SELECT "state" FROM pg_stat_activity WHERE "datname" = current_database() AND "pid" <> pg_backend_pid() AND "query" LIKE 'COPY (%'`,
    );
  }

  it('cancels the COPY and gives the connection back, and the pool serves the next download', async () => {
    let call!: ReturnType<typeof request>;
    const firstBytes = await new Promise<IncomingMessage>((resolve, reject) => {
      call = request(
        `${app.url}/v1/export?from=2025-03-10&to=2025-03-11&dataset=events&format=csv`,
        { headers: { authorization: `Bearer ${big.secretKey}` } },
        (response) => {
          response.once('data', () => {
            response.pause(); // a client that stops reading: the COPY waits on the full socket
            resolve(response);
          });
        },
      );
      call.on('error', reject);
      call.end();
    });
    expect(firstBytes.statusCode).toBe(200);
    expect(await copiesRunning()).toEqual([{ state: 'active' }]);

    call.destroy();
    let running = await copiesRunning();
    // The server sees the closed socket asynchronously; wait for it (bounded), never on a clock in the assertion.
    for (let attempt = 0; attempt < 100 && running.length > 0; attempt++) {
      await sleep(100);
      running = await copiesRunning();
    }
    expect(running).toEqual([]);

    // More downloads than the pool has connections: a connection leaked per export would starve them.
    for (let round = 0; round < 12; round++) {
      const answer = await download(app, big, 'from=2025-03-09&to=2025-03-10&dataset=events&format=csv');
      expect(answer.status).toBe(200);
    }
  });
});
