import { validateMetricQuery, type MetricQueryRequest } from './metric-query-validation';
import { planMetricQuery } from './query-planner';
import { STREAM_PROCESSOR_ROLLUP_CATALOG } from './rollup-catalog';

const BERLIN = 'Europe/Berlin';

function plan(overrides: Partial<MetricQueryRequest>) {
  const result = validateMetricQuery(
    { metric: { type: 'event_count' }, from: '2026-01-05T00:00:00+01:00', to: '2026-04-06T00:00:00+02:00', granularity: 'day', ...overrides },
    BERLIN,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return planMetricQuery(result.query, STREAM_PROCESSOR_ROLLUP_CATALOG, BERLIN);
}

describe('planMetricQuery', () => {
  const purchases = { type: 'event_count', events: ['order_completed'] };

  it('answers event counts of some types per day from day rollups without dimensions', () => {
    expect(plan({ metric: purchases })).toEqual({ path: 'rollup', rollups: 'by_type', granularity: 'day', dimensionSet: [], dimensionOf: {} });
  });

  it('builds weeks, months and quarters from local-day rollups, hours from hours, minutes from minutes', () => {
    expect(plan({ metric: purchases, granularity: 'week' })).toMatchObject({ path: 'rollup', granularity: 'day' });
    expect(plan({ metric: purchases, granularity: 'month' })).toMatchObject({ path: 'rollup', granularity: 'day' });
    expect(plan({ metric: purchases, granularity: 'quarter' })).toMatchObject({ path: 'rollup', granularity: 'day' });
    expect(plan({ metric: purchases, granularity: 'hour', to: '2026-01-06T00:00:00+01:00' })).toMatchObject({ path: 'rollup', granularity: 'hour' });
    expect(plan({ metric: purchases, granularity: 'minute', to: '2026-01-05T01:00:00+01:00' })).toMatchObject({ path: 'rollup', granularity: 'minute' });
  });

  it.each(['hour', 'day', 'week', 'month', 'quarter'])(
    "reads the all-event-types ('*') rollups for counts and unique users of every type by %s, falling back to the per-type plan",
    (granularity) => {
      const to = granularity === 'hour' ? '2026-01-06T00:00:00+01:00' : undefined;
      const byType = { path: 'rollup', rollups: 'by_type', granularity: granularity === 'hour' ? 'hour' : 'day', dimensionSet: [], dimensionOf: {} };
      for (const type of ['event_count', 'unique_users']) {
        expect(plan({ metric: { type }, granularity, ...(to ? { to } : {}) })).toEqual({ path: 'rollup', rollups: 'all_types', fallback: byType });
      }
    },
  );

  it("keeps '*' rollups out of filtered, grouped, typed, minute, other-zone and other metrics' queries", () => {
    const perType = (overrides: Partial<MetricQueryRequest>) => expect(plan(overrides)).not.toMatchObject({ rollups: 'all_types' });
    perType({ metric: { type: 'unique_users', events: ['page_viewed'] } });
    perType({ groupBy: ['type'] });
    perType({ groupBy: ['device_type'] });
    perType({ filters: [{ field: 'type', operator: 'not_equals', value: 'heartbeat' }] });
    perType({ granularity: 'minute', to: '2026-01-05T01:00:00+01:00' });
    perType({ metric: { type: 'aggregate', field: 'properties.revenue', aggregation: 'sum' } });
    perType({ metric: { type: 'conversion', fromEvent: 'product_viewed', toEvent: 'order_completed' } });
    expect(plan({ timeZone: 'America/New_York' }).path).toBe('raw');
  });

  it("plans the compared previous period from '*' rollups too", () => {
    expect(plan({ metric: { type: 'unique_users' }, granularity: 'week', compare: 'previous_period' })).toMatchObject({ rollups: 'all_types' });
  });

  it('reads the device_type set for unique users by device, filtered to some devices', () => {
    expect(
      plan({
        metric: { type: 'unique_users', events: ['order_completed'] },
        groupBy: ['device_type'],
        filters: [{ field: 'device_type', operator: 'in', values: ['mobile', 'tablet'] }],
      }),
    ).toEqual({ path: 'rollup', rollups: 'by_type', granularity: 'day', dimensionSet: ['device_type'], dimensionOf: { device_type: 'device_type' } });
  });

  it('maps a property dimension to its rollup name and treats the event type as a column of every set', () => {
    expect(
      plan({ groupBy: ['type', 'properties.category'], filters: [{ field: 'type', operator: 'not_equals', value: 'cart_viewed' }] }),
    ).toEqual({
      path: 'rollup',
      rollups: 'by_type',
      granularity: 'day',
      dimensionSet: ['product_category'],
      dimensionOf: { 'properties.category': 'product_category' },
    });
  });

  it('answers sums, averages and extremes of summarised properties from rollups', () => {
    for (const aggregation of ['sum', 'avg', 'min', 'max', 'count']) {
      expect(plan({ metric: { type: 'aggregate', field: 'properties.revenue', aggregation } }).path).toBe('rollup');
    }
  });

  it('sends percentiles to raw events so both paths agree exactly', () => {
    expect(plan({ metric: { type: 'aggregate', field: 'properties.revenue', aggregation: 'p95' } })).toEqual({
      path: 'raw',
      reason: 'p95 is computed exactly from raw events (rollup histograms are approximate)',
    });
  });

  it('sends count distinct, unsummarised properties and numeric fields to raw events', () => {
    expect(plan({ metric: { type: 'aggregate', field: 'session_id', aggregation: 'count_distinct' } }).path).toBe('raw');
    expect(plan({ metric: { type: 'aggregate', field: 'properties.seats', aggregation: 'sum' } })).toEqual({
      path: 'raw',
      reason: 'properties.seats is not summarised in rollups',
    });
    expect(plan({ metric: { type: 'aggregate', field: 'hour_of_day', aggregation: 'avg' } }).path).toBe('raw');
  });

  it('sends fields and properties that are no dimension to raw events', () => {
    expect(plan({ groupBy: ['properties.plan'] })).toEqual({ path: 'raw', reason: 'properties.plan is not a rollup dimension' });
    expect(plan({ filters: [{ field: 'browser', operator: 'equals', value: 'Firefox' }] }).path).toBe('raw');
  });

  it('sends dimensions never rolled up together to raw events', () => {
    expect(plan({ groupBy: ['device_type'], filters: [{ field: 'properties.channel', operator: 'equals', value: 'web' }] })).toEqual({
      path: 'raw',
      reason: 'no rollup holds channel and device_type together',
    });
  });

  it('sends operators other than text equality and membership to raw events', () => {
    expect(plan({ filters: [{ field: 'device_type', operator: 'contains', value: 'mob' }] }).path).toBe('raw');
    expect(plan({ filters: [{ field: 'device_type', operator: 'is_set' }] }).path).toBe('raw');
    expect(plan({ filters: [{ field: 'properties.channel', operator: 'equals', value: 3 }] }).path).toBe('raw');
  });

  it('uses rollups cut in another zone only for minutes', () => {
    expect(plan({ timeZone: 'America/New_York' })).toEqual({
      path: 'raw',
      reason: 'rollups are cut in Europe/Berlin, the query asks for America/New_York',
    });
    expect(plan({ timeZone: 'America/New_York', granularity: 'minute', to: '2026-01-05T01:00:00+01:00' }).path).toBe('rollup');
  });

  it('answers conversion from the rollups user lists', () => {
    expect(plan({ metric: { type: 'conversion', fromEvent: 'product_viewed', toEvent: 'order_completed' } }).path).toBe('rollup');
  });
});

describe('planMetricQuery with context references', () => {
  it.each([
    ['a group-by', { groupBy: ['context.campaign.source'] }, 'context.campaign.source'],
    ['a text equality filter', { filters: [{ field: 'context.page.path', operator: 'equals', value: '/pricing' }] }, 'context.page.path'],
    ['a summed metric', { metric: { type: 'aggregate', field: 'context.screen.width', aggregation: 'sum' } }, 'context.screen.width'],
    ['a unique-users metric grouped by device and locale', { metric: { type: 'unique_users' }, groupBy: ['device_type', 'context.locale'] }, 'context.locale'],
  ])('reads raw events for %s, saying rollups hold no context', (_name, overrides, key) => {
    expect(plan(overrides as Partial<MetricQueryRequest>)).toEqual({ path: 'raw', reason: `${key} is read from the event context, which rollups do not hold` });
  });
});

describe('planMetricQuery with property paths', () => {
  const purchases = { type: 'event_count', events: ['order_completed'] };

  it('finds a rollup dimension or summary however the top-level property is spelt, and reads nested paths raw', () => {
    expect(plan({ metric: purchases, groupBy: ['properties["category"]'] })).toMatchObject({
      path: 'rollup',
      dimensionSet: ['product_category'],
      dimensionOf: { 'properties["category"]': 'product_category' },
    });
    expect(plan({ metric: { type: 'aggregate', field: 'properties["revenue"]', aggregation: 'sum' } })).toMatchObject({ path: 'rollup' });
    expect(plan({ metric: purchases, groupBy: ['properties.category.name'] })).toEqual({ path: 'raw', reason: 'properties.category.name is not a rollup dimension' });
    expect(plan({ metric: { type: 'aggregate', field: 'properties.order.revenue', aggregation: 'sum' } })).toEqual({
      path: 'raw',
      reason: 'properties.order.revenue is not summarised in rollups',
    });
  });
});
