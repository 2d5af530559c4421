import {
  aggregateRollups,
  allTypesRollupReads,
  ALL_TYPES_ROLLUP_GRANULARITIES,
  assembleQuerySeries,
  planMetricQuery,
  queryPeriods,
  tileWithAllTypesRollups,
  STREAM_PROCESSOR_ROLLUP_CATALOG,
  timeContext,
  validateMetricQuery,
  type MetricQuery,
  type MetricQueryRequest,
  type MetricResultRow,
  type QueryPeriod,
  type QueryPlan,
  type RollupEvent,
  type RollupPlan,
} from '@pulse/analytics-core';
import { TENANT_A, TENANT_B } from '../../../testing/event-fixtures';
import { STORE_TARGETS, type OpenedStore } from '../../../testing/store-targets';
import { EventRollupRepository } from '../../repositories/event-rollup.repository';
import { PersonActiveDaysRepository } from '../../repositories/person-active-days.repository';
import { ProcessedEventRepository, type ProcessedEvent } from '../../repositories/processed-event.repository';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { planActiveDays } from '../../rollups/active-days-planning';
import { buildAllTypesRollupStatement } from './all-types-rollup-sql';
import { MetricQueryExecutor } from './metric-query-executor';

const BERLIN = 'Europe/Berlin';
const TENANT = { id: TENANT_A, currency: 'EUR' };
const MONEY = ['revenue', 'total', 'price', 'tax', 'shipping', 'discount'];

interface FixtureEvent {
  tenantId?: string;
  id: string;
  type: string;
  at: string;
  user: string | null;
  device: string | null;
  properties?: Record<string, unknown>;
  receivedAt?: string;
}

/** A stored event as the stream processor writes it, enrichment from the real time-context code. */
function processed(event: FixtureEvent): ProcessedEvent {
  const occurredAt = new Date(event.at);
  const context = timeContext(occurredAt, BERLIN);
  return {
    tenantId: event.tenantId ?? TENANT_A,
    eventId: event.id,
    type: event.type,
    category: event.type === 'heartbeat' ? 'system' : 'commerce',
    occurredAt,
    receivedAt: new Date(event.receivedAt ?? event.at),
    userId: event.user,
    anonymousId: null,
    sessionId: null,
    properties: event.properties ?? {},
    context: {},
    userKey: event.user,
    localDate: context.localDate,
    hourOfDay: context.hourOfDay,
    dayOfWeek: context.dayOfWeek,
    isBusinessHours: context.isBusinessHours,
    deviceType: event.device,
    browser: null,
    os: null,
  };
}

/**
 * Stores events and maintains their rollups with the real code (analytics-core `aggregateRollups`,
 * `EventRollupRepository.applyDeltas`) and the persons' active days (`planActiveDays`), in batches so rollup rows are added to, not only created. Every
 * dimension set of the catalog is rolled up for every event, and money in another currency than the
 * tenant's is summarised apart (`revenue:USD`), as the stream processor's rollup planning does.
 */
async function storeWithRollups(sql: SqlExecutor, events: readonly ProcessedEvent[], batchSize = 500): Promise<void> {
  const catalog = STREAM_PROCESSOR_ROLLUP_CATALOG;
  for (let start = 0; start < events.length; start += batchSize) {
    const batch = events.slice(start, start + batchSize);
    await new ProcessedEventRepository(sql).insertNew(batch);
    const byTenant = new Map<string, RollupEvent[]>();
    for (const event of batch) {
      const properties = currencyQualified(event.properties ?? {}, 'EUR');
      const rollupEvent: RollupEvent & Record<string, unknown> = {
        tenantId: event.tenantId,
        type: event.type,
        occurredAt: event.occurredAt,
        userKey: event.userKey ?? '',
        properties,
      };
      for (const [dimension, field] of Object.entries(catalog.dimensions)) {
        rollupEvent[dimension] = field === 'device_type' ? event.deviceType : (event.properties ?? {})[field.slice('properties.'.length)];
      }
      byTenant.set(event.tenantId, [...(byTenant.get(event.tenantId) ?? []), rollupEvent]);
    }
    for (const rollupEvents of byTenant.values()) {
      const numericProperties = [...new Set([...catalog.numericProperties, ...rollupEvents.flatMap((event) => Object.keys(event.properties ?? {}).filter((name) => name.includes(':')))])];
      const deltas = aggregateRollups(rollupEvents, {
        timeZone: BERLIN,
        numericProperties,
        dimensionSets: catalog.dimensionSets,
        allTypesGranularities: ALL_TYPES_ROLLUP_GRANULARITIES,
      });
      await new EventRollupRepository(sql).applyDeltas(deltas.map((delta) => ({ ...delta, userKeys: delta.userKeys.filter((key) => key !== '') })));
    }
    for (const tenantId of new Set(batch.map((event) => event.tenantId))) {
      const ofTenant = batch.filter((event) => event.tenantId === tenantId);
      await new PersonActiveDaysRepository(sql).recordActiveDays(planActiveDays({ id: tenantId, timeZone: BERLIN }, ofTenant));
    }
  }
}

/** The rollup path a plan names, alone (no coverage check): per-type rollups or the all-types ones. */
function runPlannedRollups(executor: MetricQueryExecutor, query: MetricQuery, plan: QueryPlan, period: QueryPeriod): Promise<MetricResultRow[]> | undefined {
  if (plan.path !== 'rollup') return undefined;
  return plan.rollups === 'all_types' ? executor.runAllTypesRollup(TENANT, query, period) : executor.runRollup(TENANT, query, plan, period);
}

function currencyQualified(properties: Record<string, unknown>, tenantCurrency: string): Record<string, unknown> {
  const currency = properties['currency'];
  if (typeof currency !== 'string' || currency === tenantCurrency) return properties;
  const qualified: Record<string, unknown> = { ...properties };
  for (const name of MONEY) {
    if (!(name in qualified)) continue;
    qualified[`${name}:${currency}`] = qualified[name];
    delete qualified[name];
  }
  return qualified;
}

function validated(request: Partial<MetricQueryRequest>): MetricQuery {
  const result = validateMetricQuery(
    { metric: { type: 'event_count' }, from: '2026-03-28T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00', granularity: 'day', ...request },
    BERLIN,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.query;
}

/** Rows in one canonical order, so two paths' answers compare with toEqual. */
function sorted(rows: readonly MetricResultRow[]): MetricResultRow[] {
  return [...rows].sort((a, b) => JSON.stringify([a.group, a.bucket]).localeCompare(JSON.stringify([b.group, b.bucket])));
}

// Europe/Berlin, 2026-03-28 (CET) … 2026-03-31; clocks go forward on Sunday 2026-03-29 (a 23-hour day).
// Local days: 28 = [03-27T23:00Z, 03-28T23:00Z), 29 = [03-28T23:00Z, 03-29T22:00Z), 30 = [03-29T22:00Z, 03-30T22:00Z).
const FIXTURE: FixtureEvent[] = [
  { id: 'e1', type: 'page_viewed', at: '2026-03-28T08:00:00Z', user: 'u1', device: 'desktop', properties: { plan: 'pro', channel: 'web' } }, // 28th 09:00
  { id: 'e2', type: 'order_completed', at: '2026-03-28T09:00:00Z', user: 'u1', device: 'desktop', properties: { revenue: 10, currency: 'EUR', category: 'books', gift: true } }, // 28th 10:00
  { id: 'e3', type: 'page_viewed', at: '2026-03-28T22:30:00Z', user: 'u2', device: 'mobile', properties: { plan: 'free' } }, // 28th 23:30
  { id: 'e4', type: 'page_viewed', at: '2026-03-28T23:30:00Z', user: 'u2', device: 'mobile', properties: { plan: 'free' } }, // 29th 00:30+01:00, UTC still the 28th
  { id: 'e5', type: 'order_completed', at: '2026-03-29T01:30:00Z', user: 'u2', device: 'mobile', properties: { revenue: 30, currency: 'EUR', category: 'games', coupon: 'SPRING26', gift: false } }, // 29th 03:30+02:00
  { id: 'e6', type: 'order_completed', at: '2026-03-29T21:30:00Z', user: 'u3', device: 'tablet', properties: { revenue: 25.5, currency: 'USD', category: 'books' } }, // 29th 23:30, US dollars
  { id: 'e7', type: 'page_viewed', at: '2026-03-29T21:59:00Z', user: 'u3', device: 'tablet', properties: { plan: 'team', channel: 'app' } }, // 29th 23:59
  { id: 'e8', type: 'page_viewed', at: '2026-03-29T22:00:00Z', user: 'u1', device: 'desktop', properties: { plan: 'pro' } }, // 30th 00:00
  // Late: happened on the 30th, arrived three days later; it counts where it happened.
  { id: 'e9', type: 'order_completed', at: '2026-03-30T10:00:00Z', receivedAt: '2026-04-02T08:00:00Z', user: 'u1', device: 'desktop', properties: { revenue: 20, currency: 'EUR', category: 'books', quantity: 2 } }, // 30th 12:00
  { id: 'e10', type: 'heartbeat', at: '2026-03-30T11:00:00Z', user: null, device: null, properties: { metric_name: 'cpu' } }, // 30th 13:00, no user
  // Another tenant, same day: never visible to tenant A.
  { tenantId: TENANT_B, id: 'b1', type: 'page_viewed', at: '2026-03-29T10:00:00Z', user: 'u1', device: 'desktop', properties: { plan: 'pro' } },
];

describe.each(STORE_TARGETS)('metric queries on $name', (target) => {
  let opened: OpenedStore;
  let executor: MetricQueryExecutor;

  beforeAll(async () => {
    opened = await target.open();
    executor = new MetricQueryExecutor(opened.store.dataSource);
    await storeWithRollups(opened.store.dataSource, FIXTURE.map(processed));
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  /** The raw path's series, and — when the planner picks rollups — the rollup path's, which must be equal. */
  async function answer(request: Partial<MetricQueryRequest>) {
    const query = validated(request);
    const periods = queryPeriods(query);
    const groupKeys = query.groupBy.map((reference) => reference.key);
    const raw = await executor.runRaw(TENANT, query, periods.current);
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, BERLIN);
    const planned = runPlannedRollups(executor, query, plan, periods.current);
    if (planned) expect(sorted(await planned)).toEqual(sorted(raw));
    // The plan '*' rollups fall back to when they miss events must agree too.
    const fallback = plan.path === 'rollup' && plan.rollups === 'all_types' ? runPlannedRollups(executor, query, plan.fallback, periods.current) : undefined;
    if (fallback) expect(sorted(await fallback)).toEqual(sorted(raw));
    return { plan, ...assembleQuerySeries(raw, periods.current.buckets, groupKeys, { fillMissing: query.fillMissing, limit: query.limit }) };
  }

  const values = (series: { points: Array<{ value: number }> }) => series.points.map((point) => point.value);

  it('counts events per local day across the spring-forward day, zero-filling the empty 31st, without tenant B', async () => {
    // 28th: e1 e2 e3; 29th (23 h): e4 e5 e6 e7; 30th: e8 e9 (late) e10; 31st: nothing. Tenant B's b1 would make the 29th 5.
    const { plan, series } = await answer({});
    expect(plan.path).toBe('rollup');
    expect(series).toEqual([
      {
        group: {},
        points: [
          { bucket: '2026-03-27T23:00:00.000Z', label: '2026-03-28', value: 3 },
          { bucket: '2026-03-28T23:00:00.000Z', label: '2026-03-29', value: 4 },
          { bucket: '2026-03-29T22:00:00.000Z', label: '2026-03-30', value: 3 },
          { bucket: '2026-03-30T22:00:00.000Z', label: '2026-03-31', value: 0 },
        ],
        total: 10,
      },
    ]);
  });

  it('counts unique users per day and once over the range', async () => {
    // 28th: u1 u2; 29th: u2 u3; 30th: u1 (the heartbeat has no user); range: u1 u2 u3.
    const [series] = (await answer({ metric: { type: 'unique_users' } })).series;
    expect(values(series)).toEqual([2, 2, 1, 0]);
    expect(series.total).toBe(3);
  });

  it('builds Monday weeks from local days: a user active in both days of a week counts once', async () => {
    // Week of Mon 23rd: 28th + 29th = 7 events, users u1 u2 u3; week of Mon 30th: 3 events, user u1.
    const counts = await answer({ granularity: 'week' });
    expect(counts.series[0].points.map((point) => [point.label, point.value])).toEqual([
      ['2026-03-23', 7],
      ['2026-03-30', 3],
    ]);
    expect(counts.series[0].points[1].bucket).toBe('2026-03-29T22:00:00.000Z');
    const users = await answer({ granularity: 'week', metric: { type: 'unique_users' } });
    expect(values(users.series[0])).toEqual([3, 1]);
  });

  it('puts events into the 23 local hours of the DST day', async () => {
    // e4 00:30+01:00 → hour 0; e5 03:30+02:00 → hour index 2 (02:00 does not exist); e6, e7 → 23:00+02:00 (index 22).
    const { series } = await answer({ granularity: 'hour', from: '2026-03-29T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00' });
    expect(series[0].points).toHaveLength(23);
    expect(series[0].points.filter((point) => point.value > 0).map((point) => [point.label, point.value])).toEqual([
      ['2026-03-29T00:00+01:00', 1],
      ['2026-03-29T03:00+02:00', 1],
      ['2026-03-29T23:00+02:00', 2],
    ]);
  });

  it('sums, averages and bounds revenue in the tenant currency only (e6 is in USD)', async () => {
    // EUR revenue: 10 (28th), 30 (29th), 20 (30th).
    const revenue = (aggregation: string) => answer({ metric: { type: 'aggregate', field: 'properties.revenue', aggregation } });
    const sum = (await revenue('sum')).series[0];
    expect([values(sum), sum.total]).toEqual([[10, 30, 20, 0], 60]);
    expect((await revenue('avg')).series[0].total).toBe(20);
    expect((await revenue('min')).series[0].total).toBe(10);
    expect((await revenue('max')).series[0].total).toBe(30);
    expect((await revenue('count')).series[0].total).toBe(3);
  });

  it('computes exact percentiles from raw events', async () => {
    // 10, 20, 30: p50 = 20; p95 at rank 0.95 × 2 = 1.9 → 20 + 0.9 × 10 = 29; p99 → 20 + 0.98 × 10 = 29.8.
    const percentile = async (aggregation: string) => {
      const result = await answer({ metric: { type: 'aggregate', field: 'properties.revenue', aggregation } });
      expect(result.plan.path).toBe('raw');
      return result.series[0].total;
    };
    expect(await percentile('p50')).toBe(20);
    expect(await percentile('p95')).toBeCloseTo(29, 10);
    expect(await percentile('p99')).toBeCloseTo(29.8, 10);
  });

  it('groups by an event field, from rollups, largest total first and no device last', async () => {
    const { plan, series } = await answer({ groupBy: ['device_type'] });
    expect(plan).toMatchObject({ path: 'rollup', dimensionSet: ['device_type'] });
    expect(series.map((entry) => [entry.group['device_type'], entry.total, values(entry)])).toEqual([
      ['desktop', 4, [2, 0, 2, 0]],
      ['mobile', 3, [1, 2, 0, 0]],
      ['tablet', 2, [0, 2, 0, 0]],
      [null, 1, [0, 0, 1, 0]],
    ]);
  });

  it('groups by a property from raw events', async () => {
    // plan: pro e1 e8, free e3 e4, team e7, none: e2 e5 e6 e9 e10.
    const { plan, series } = await answer({ groupBy: ['properties.plan'] });
    expect(plan.path).toBe('raw');
    expect(series.map((entry) => [entry.group['properties.plan'], entry.total, values(entry)])).toEqual([
      [null, 5, [1, 2, 2, 0]],
      ['free', 2, [1, 1, 0, 0]],
      ['pro', 2, [1, 0, 1, 0]],
      ['team', 1, [0, 1, 0, 0]],
    ]);
  });

  it.each<[string, MetricQueryRequest['filters'], number]>([
    ['equals on a property', [{ field: 'properties.plan', operator: 'equals', value: 'pro' }], 2],
    ['not_equals keeps events without the property', [{ field: 'properties.plan', operator: 'not_equals', value: 'pro' }], 8],
    ['in', [{ field: 'properties.plan', operator: 'in', values: ['free', 'team'] }], 3],
    ['not_in', [{ field: 'properties.plan', operator: 'not_in', values: ['free', 'team'] }], 7],
    ['contains, ignoring case', [{ field: 'properties.coupon', operator: 'contains', value: 'spring' }], 1],
    ['gt on a number (any currency: filters are not money sums)', [{ field: 'properties.revenue', operator: 'gt', value: 20 }], 2],
    ['gte', [{ field: 'properties.revenue', operator: 'gte', value: 20 }], 3],
    ['lt', [{ field: 'properties.revenue', operator: 'lt', value: 20 }], 1],
    ['lte', [{ field: 'properties.revenue', operator: 'lte', value: 20 }], 2],
    ['between, inclusive', [{ field: 'properties.revenue', operator: 'between', values: [20, 30] }], 3],
    ['is_set', [{ field: 'properties.coupon', operator: 'is_set' }], 1],
    ['is_not_set', [{ field: 'properties.coupon', operator: 'is_not_set' }], 9],
    ['equals a boolean', [{ field: 'properties.gift', operator: 'equals', value: true }], 1],
    ['not_equals a boolean', [{ field: 'properties.gift', operator: 'not_equals', value: true }], 9],
    ['equals a number', [{ field: 'properties.quantity', operator: 'equals', value: 2 }], 1],
    ['equals on a field', [{ field: 'device_type', operator: 'equals', value: 'mobile' }], 3],
    ['between on the local hour: 09:00, 10:00, 12:00, 13:00', [{ field: 'hour_of_day', operator: 'between', values: [9, 17] }], 4],
    ['gt on the local hour: the three 23:xx events', [{ field: 'hour_of_day', operator: 'gt', value: 22 }], 3],
    ['in on the event type', [{ field: 'type', operator: 'in', values: ['order_completed'] }], 4],
    ['two filters together', [{ field: 'type', operator: 'equals', value: 'page_viewed' }, { field: 'device_type', operator: 'not_in', values: ['mobile'] }], 3],
  ])('filters with %s', async (_name, filters, total) => {
    expect((await answer({ filters })).series[0].total).toBe(total);
  });

  it('counts distinct property values', async () => {
    // plan: pro, free, team.
    expect((await answer({ metric: { type: 'aggregate', field: 'properties.plan', aggregation: 'count_distinct' } })).series[0].total).toBe(3);
  });

  it('rates conversion as buyers / viewers per day and over the range', async () => {
    // 28th: viewers u1 u2, buyers u1 → 0.5; 29th: viewers u2 u3, buyers u2 u3 → 1; 30th: u1 / u1 → 1; 31st: 0. Range: 3 / 3.
    const { plan, series } = await answer({ metric: { type: 'conversion', fromEvent: 'page_viewed', toEvent: 'order_completed' } });
    expect(plan.path).toBe('rollup');
    expect([values(series[0]), series[0].total]).toEqual([[0.5, 1, 1, 0], 1]);
  });

  it('answers an empty range with zeros, and with no series when grouped', async () => {
    const empty = { from: '2026-04-10T00:00:00+02:00', to: '2026-04-12T00:00:00+02:00' };
    expect((await answer(empty)).series).toEqual([
      {
        group: {},
        points: [
          { bucket: '2026-04-09T22:00:00.000Z', label: '2026-04-10', value: 0 },
          { bucket: '2026-04-10T22:00:00.000Z', label: '2026-04-11', value: 0 },
        ],
        total: 0,
      },
    ]);
    expect((await answer({ ...empty, groupBy: ['device_type'] })).series).toEqual([]);
  });

  it('falls back to raw events when a dimension set does not cover every event', async () => {
    // A tenant whose events were rolled up without the device_type set (as for a category that has none).
    const loneTenant = { id: '11111111-2222-4333-8444-555555555555', currency: 'EUR' };
    await new ProcessedEventRepository(opened.store.dataSource).insertNew([processed({ tenantId: loneTenant.id, id: 'x1', type: 'page_viewed', at: '2026-03-28T12:00:00Z', user: 'u9', device: 'mobile' })]);
    await new EventRollupRepository(opened.store.dataSource).applyDeltas(
      aggregateRollups([{ tenantId: loneTenant.id, type: 'page_viewed', occurredAt: new Date('2026-03-28T12:00:00Z'), userKey: 'u9' }], { timeZone: BERLIN }),
    );
    const query = validated({ groupBy: ['device_type'] });
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, BERLIN) as RollupPlan;
    const periods = queryPeriods(query);
    const result = await executor.run(loneTenant, query, plan, [periods.current]);
    expect(result.path).toBe('raw');
    expect(result.reason).toBe('rollups by device_type do not cover every event of the query (0 of 1)');
    expect(result.rowsByPeriod[0]).toContainEqual({ group: ['mobile'], bucket: null, value: 1 });
  });

  it("answers unique users by week, month and quarter from the '*' rollups, without tenant B's u1", async () => {
    // Week of Mon 23 Mar: u1 u2 u3; week of Mon 30 Mar: u1. March: u1 u2 u3 (b1 is tenant B's u1). Q1 = March here.
    for (const [granularity, expected] of [['week', [3, 1]], ['month', [3]], ['quarter', [3]]] as const) {
      const { plan, series } = await answer({ metric: { type: 'unique_users' }, granularity, to: '2026-03-31T00:00:00+02:00' });
      expect(plan).toMatchObject({ path: 'rollup', rollups: 'all_types' });
      expect([values(series[0]), series[0].total]).toEqual([expected, 3]);
    }
  });

  it("reads the previous period from '*' rollups too", async () => {
    // Days 28–29 Mar (7 events) against 26–27 Mar (none).
    const query = validated({ from: '2026-03-28T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', compare: 'previous_period' });
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, BERLIN);
    const { current, previous } = queryPeriods(query);
    if (previous === null) throw new Error('compare asks for the previous period');
    expect(plan).toMatchObject({ rollups: 'all_types' });
    expect(await executor.allTypesRollupsCover(TENANT, query, [current, previous])).toBe(true);
    const result = await executor.run(TENANT, query, plan, [current, previous]);
    expect(result.rowsByPeriod.map((rows) => sorted(rows))).toEqual([
      sorted([{ group: [], bucket: 0, value: 3 }, { group: [], bucket: 1, value: 4 }, { group: [], bucket: null, value: 7 }]),
      [{ group: [], bucket: null, value: 0 }],
    ]);
  });

  it("falls back to the per-type rollups where the '*' rollups miss events (written before the processor kept them)", async () => {
    const olderTenant = { id: '22222222-3333-4444-8555-666666666666', currency: 'EUR' };
    const events = [
      { tenantId: olderTenant.id, type: 'page_viewed', occurredAt: new Date('2026-03-28T12:00:00Z'), userKey: 'u8' },
      { tenantId: olderTenant.id, type: 'page_viewed', occurredAt: new Date('2026-03-30T12:00:00Z'), userKey: 'u9' },
    ];
    await new ProcessedEventRepository(opened.store.dataSource).insertNew(
      events.map((event, index) => processed({ tenantId: olderTenant.id, id: `o${index}`, type: event.type, at: event.occurredAt.toISOString(), user: event.userKey, device: null })),
    );
    // Per-type rollups for both events, '*' rollups only for the second one.
    await new EventRollupRepository(opened.store.dataSource).applyDeltas(aggregateRollups(events, { timeZone: BERLIN }));
    const allTypesOfSecond = aggregateRollups(events.slice(1), { timeZone: BERLIN, granularities: [], allTypesGranularities: ALL_TYPES_ROLLUP_GRANULARITIES });
    await new EventRollupRepository(opened.store.dataSource).applyDeltas(allTypesOfSecond);
    const query = validated({ metric: { type: 'unique_users' }, granularity: 'week' });
    const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, BERLIN);
    const period = queryPeriods(query).current;
    expect(await executor.allTypesRollupsCover(olderTenant, query, [period])).toBe(false);
    const result = await executor.run(olderTenant, query, plan, [period]);
    expect(result.path).toBe('rollup');
    expect(sorted(result.rowsByPeriod[0])).toEqual(sorted(await executor.runRaw(olderTenant, query, period)));
    expect(result.rowsByPeriod[0]).toContainEqual({ group: [], bucket: null, value: 2 });
  });

  it('leaves the events table intact when a property path carries SQL (bound, never spliced)', async () => {
    // Validation refuses such names; the builders must be safe even if one slipped through.
    const query = validated({ groupBy: ['properties.plan'] });
    const hostile = { ...query, groupBy: [{ kind: 'property' as const, key: 'properties.x', path: ['order', `plan') ; DROP TABLE "events"; --`] }] };
    const rows = await executor.runRaw(TENANT, hostile, queryPeriods(query).current);
    expect(rows).toContainEqual({ group: [null], bucket: null, value: 10 });
    const [{ count }] = await opened.store.dataSource.query(`SELECT count(*)::int AS "count" FROM "events"`);
    expect(count).toBeGreaterThanOrEqual(11);
  });
});

/** A small deterministic generator (mulberry32): the same events on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * ~3,600 events of two tenants around both of Berlin's 2026 clock changes (late March, late October),
 * with a burst in the night the clocks go forward, and across New Year 2026: users, devices, categories, channels, revenue in
 * two currencies (multiples of 0.25, so sums are exact in floating point as in numeric).
 */
function generatedEvents(): ProcessedEvent[] {
  const next = random(20260329);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const windows = [
    { start: Date.parse('2026-03-23T00:00:00Z'), days: 12, count: 1800 },
    { start: Date.parse('2026-03-29T00:30:00Z'), days: 3 / 24, count: 300 },
    { start: Date.parse('2026-10-22T00:00:00Z'), days: 7, count: 1200 },
    // Across New Year, for range totals whose local days span two years' active-day rows.
    { start: Date.parse('2025-12-27T00:00:00Z'), days: 10, count: 300 },
  ];
  const events: FixtureEvent[] = [];
  for (const window of windows) {
    for (let index = 0; index < window.count; index++) {
      const at = new Date(window.start + Math.floor(next() * window.days * 86_400_000)).toISOString();
      const roll = next();
      const type = roll < 0.45 ? 'page_viewed' : roll < 0.7 ? 'product_viewed' : roll < 0.9 ? 'order_completed' : 'heartbeat';
      const properties: Record<string, unknown> = {};
      if (type !== 'heartbeat') {
        properties['category'] = pick(['books', 'games', 'toys', 7]);
        if (next() < 0.7) properties['channel'] = pick(['web', 'app']);
      } else {
        properties['metric_name'] = pick(['cpu', 'memory']);
      }
      if (type === 'order_completed') {
        properties['revenue'] = Math.round(next() * 40_000) / 4;
        properties['currency'] = next() < 0.8 ? 'EUR' : 'USD';
        properties['quantity'] = 1 + Math.floor(next() * 5);
      }
      events.push({
        tenantId: next() < 0.9 ? TENANT_A : TENANT_B,
        id: `g-${events.length}`,
        type,
        at,
        user: type === 'heartbeat' ? null : `u${Math.floor(next() * 80)}`,
        device: type === 'heartbeat' ? null : pick(['desktop', 'mobile', 'tablet', 'desktop', null]),
        properties,
      });
    }
  }
  return events.map(processed);
}

describe.each(STORE_TARGETS)('rollup and raw paths agree on generated data on $name', (target) => {
  let opened: OpenedStore;
  let executor: MetricQueryExecutor;

  beforeAll(async () => {
    opened = await target.open();
    executor = new MetricQueryExecutor(opened.store.dataSource);
    await storeWithRollups(opened.store.dataSource, generatedEvents(), 400);
  }, 180_000);

  afterAll(async () => {
    await opened?.dispose();
  });

  const ranges: Array<Pick<MetricQueryRequest, 'granularity' | 'from' | 'to'>> = [
    { granularity: 'minute', from: '2026-03-29T00:30:00+01:00', to: '2026-03-29T04:30:00+02:00' },
    { granularity: 'hour', from: '2026-03-28T00:00:00+01:00', to: '2026-03-31T00:00:00+02:00' },
    { granularity: 'hour', from: '2026-10-24T00:00:00+02:00', to: '2026-10-27T00:00:00+01:00' },
    { granularity: 'day', from: '2026-03-20T00:00:00+01:00', to: '2026-04-10T00:00:00+02:00' },
    { granularity: 'day', from: '2026-10-20T00:00:00+02:00', to: '2026-10-31T00:00:00+01:00' },
    { granularity: 'week', from: '2026-03-16T00:00:00+01:00', to: '2026-11-02T00:00:00+01:00' },
    { granularity: 'month', from: '2026-03-01T00:00:00+01:00', to: '2026-11-01T00:00:00+01:00' },
    { granularity: 'quarter', from: '2026-01-01T00:00:00+01:00', to: '2027-01-01T00:00:00+01:00' },
  ];
  const metrics: Array<MetricQueryRequest['metric']> = [
    { type: 'event_count' },
    { type: 'event_count', events: ['page_viewed', 'heartbeat'] },
    { type: 'unique_users' },
    { type: 'conversion', fromEvent: 'product_viewed', toEvent: 'order_completed' },
    ...['sum', 'avg', 'min', 'max', 'count'].map((aggregation) => ({ type: 'aggregate', field: 'properties.revenue', aggregation, events: ['order_completed'] })),
    { type: 'aggregate', field: 'properties.quantity', aggregation: 'sum' },
  ];
  const slices: Array<Pick<MetricQueryRequest, 'groupBy' | 'filters'>> = [
    {},
    { groupBy: ['device_type'] },
    { groupBy: ['type'] },
    { groupBy: ['properties.category'] },
    { groupBy: ['type', 'properties.channel'] },
    { filters: [{ field: 'device_type', operator: 'in', values: ['mobile', 'tablet'] }] },
    { groupBy: ['properties.channel'], filters: [{ field: 'properties.channel', operator: 'not_equals', value: 'web' }] },
    { groupBy: ['device_type'], filters: [{ field: 'type', operator: 'not_in', values: ['heartbeat'] }, { field: 'device_type', operator: 'not_equals', value: 'desktop' }] },
    { groupBy: ['properties.category'], filters: [{ field: 'properties.category', operator: 'equals', value: '7' }] },
  ];

  it('gives the same rows on both paths for every rollup-answerable query', async () => {
    let compared = 0;
    let nonZero = 0;
    for (const range of ranges) {
      for (const metric of metrics) {
        // Every range without slices; slices on the day, week and month ranges.
        const rangeSlices = ['day', 'week', 'month'].includes(range.granularity) ? slices : [{}];
        for (const slice of rangeSlices) {
          const query = validated({ ...range, metric, ...slice });
          const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, BERLIN);
          const label = JSON.stringify({ ...range, metric, ...slice });
          if (plan.path !== 'rollup') throw new Error(`${label} planned raw: ${plan.reason}`);
          const period = queryPeriods(query).current;
          const planned = await executor.run(TENANT, query, plan, [period]);
          expect({ label, path: planned.path }).toEqual({ label, path: 'rollup' });
          const raw = sorted(await executor.runRaw(TENANT, query, period));
          expect({ label, rows: sorted(planned.rowsByPeriod[0]) }).toEqual({ label, rows: raw });
          compared += 1;
          if (raw.some((row) => row.value > 0)) nonZero += 1;
        }
      }
    }
    // 8 ranges × 10 metrics; the two day ranges, week and month × 9 slices: 4 × 10 + 4 × 10 × 9 = 400 queries.
    expect(compared).toBe(400);
    // Not vacuous: nearly every query finds data.
    expect(nonZero).toBeGreaterThan(390);
  }, 300_000);

  it("answers counts and unique users of every type from the '*' rollups exactly as from raw events", async () => {
    const allTypesRanges: Array<Pick<MetricQueryRequest, 'granularity' | 'from' | 'to'>> = [
      ...ranges.filter((range) => range.granularity !== 'minute'),
      // Not on bucket boundaries (widened to whole buckets), across the autumn change.
      { granularity: 'hour', from: '2026-10-24T05:00:00+02:00', to: '2026-10-26T17:30:00+01:00' },
      // A range total made of months, weeks at their edges and days at the ends.
      { granularity: 'day', from: '2026-03-20T13:00:00+01:00', to: '2026-11-05T00:00:00+01:00' },
      // Starting on a Wednesday, ending on a Thursday afternoon.
      { granularity: 'week', from: '2026-03-18T00:00:00+01:00', to: '2026-04-02T13:00:00+02:00' },
      { granularity: 'month', from: '2026-03-15T00:00:00+01:00', to: '2026-10-20T00:00:00+02:00' },
      { granularity: 'quarter', from: '2026-02-10T00:00:00+01:00', to: '2026-11-03T00:00:00+01:00' },
      // Whole local days across New Year: the range total reads two years of active-day rows.
      { granularity: 'day', from: '2025-12-29T00:00:00+01:00', to: '2026-01-05T00:00:00+01:00' },
      { granularity: 'week', from: '2025-12-29T00:00:00+01:00', to: '2026-04-06T00:00:00+02:00' },
    ];
    let compared = 0;
    let nonZero = 0;
    const tileGranularities = new Set<string>();
    let totalsFromActiveDays = 0;
    for (const range of allTypesRanges) {
      for (const metric of [{ type: 'event_count' }, { type: 'unique_users' }]) {
        for (const compare of [undefined, 'previous_period']) {
          const label = JSON.stringify({ ...range, metric, compare });
          const query = validated({ ...range, metric, ...(compare ? { compare } : {}) });
          const plan = planMetricQuery(query, STREAM_PROCESSOR_ROLLUP_CATALOG, BERLIN);
          expect({ label, rollups: plan.path === 'rollup' ? plan.rollups : plan.reason }).toEqual({ label, rollups: 'all_types' });
          const periods = queryPeriods(query);
          const asked = periods.previous ? [periods.current, periods.previous] : [periods.current];
          // The '*' rollups hold every event, so the '*' path (not its fallback) answers.
          expect({ label, covered: await executor.allTypesRollupsCover(TENANT, query, asked) }).toEqual({ label, covered: true });
          const planned = await executor.run(TENANT, query, plan, asked);
          for (const [index, period] of asked.entries()) {
            const raw = sorted(await executor.runRaw(TENANT, query, period));
            expect({ label, index, rows: sorted(planned.rowsByPeriod[index]) }).toEqual({ label, index, rows: raw });
            compared += 1;
            if (raw.some((row) => row.value > 0)) nonZero += 1;
            for (const tile of tileWithAllTypesRollups(period.from, period.to, BERLIN) ?? []) tileGranularities.add(tile.granularity);
            const reads = allTypesRollupReads(period, BERLIN);
            if (metric.type === 'unique_users' && reads?.rangeDays !== undefined && reads.range.length > 1) totalsFromActiveDays += 1;
          }
        }
      }
    }
    // 14 ranges × 2 metrics × (1 + 2 periods).
    expect(compared).toBe(84);
    expect(nonZero).toBeGreaterThan(40);
    // Range totals read every '*' granularity somewhere.
    expect([...tileGranularities].sort()).toEqual(['day', 'hour', 'month', 'week']);
    // Most unique-user range totals (whole local days, several tiles) were read from the active-day bitmaps.
    expect(totalsFromActiveDays).toBeGreaterThan(25);
  }, 300_000);

  it('reads the range total of whole local days from the active-day bitmaps, across New Year and DST days', async () => {
    for (const [from, to] of [
      ['2025-12-30T00:00:00+01:00', '2026-01-04T00:00:00+01:00'],
      ['2026-03-28T00:00:00+01:00', '2026-03-31T00:00:00+02:00'],
      ['2026-10-24T00:00:00+02:00', '2026-10-27T00:00:00+01:00'],
    ]) {
      const query = validated({ metric: { type: 'unique_users' }, granularity: 'day', from, to });
      const period = queryPeriods(query).current;
      const reads = allTypesRollupReads(period, BERLIN);
      if (reads === undefined) throw new Error(`${from} … ${to} is not tiled`);
      expect(buildAllTypesRollupStatement(TENANT, query, reads).sql).toContain('"person_active_days"');
      const total = (rows: readonly MetricResultRow[]) => rows.find((row) => row.bucket === null)?.value;
      const raw = total(await executor.runRaw(TENANT, query, period));
      expect(raw).toBeGreaterThan(10);
      expect({ from, total: total(await executor.runAllTypesRollup(TENANT, query, period)) }).toEqual({ from, total: raw });
    }
  });
});
