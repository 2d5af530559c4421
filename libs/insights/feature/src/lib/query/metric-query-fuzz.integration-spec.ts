import fc from 'fast-check';
import { fuzzLabel, nearValid, wildJson } from '@pulse/observability/testing';
import { fuzzRoute } from '../../testing/fuzz-properties';
import { FUZZ_EVENT_TYPES, FUZZ_WEEK, startFuzzWorld, type FuzzWorld } from '../../testing/fuzz-world';

const DAY = 86_400_000;
const eventType = fc.constantFrom(...FUZZ_EVENT_TYPES);

const range = fc.tuple(fc.integer({ min: -3, max: 5 }), fc.integer({ min: 1, max: 7 })).map(([startDay, days]) => {
  const from = Date.parse(FUZZ_WEEK.from) + startDay * DAY;
  return { from: new Date(from).toISOString(), to: new Date(from + days * DAY).toISOString() };
});

const field = fc.constantFrom('properties.revenue', 'properties.order.items[0].price', 'hour_of_day', 'properties["utm.source"]', 'context.page.path', 'properties.plan');

const metric = fc.oneof(
  fc.record({ type: fc.constant('event_count'), events: fc.subarray([...FUZZ_EVENT_TYPES], { minLength: 1 }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('unique_users'), events: fc.subarray([...FUZZ_EVENT_TYPES], { minLength: 1 }) }, { requiredKeys: ['type'] }),
  fc.record(
    {
      type: fc.constant('aggregate'),
      events: fc.subarray([...FUZZ_EVENT_TYPES], { minLength: 1 }),
      field,
      aggregation: fc.constantFrom('sum', 'avg', 'min', 'max', 'count', 'count_distinct', 'p50', 'p95', 'p99'),
    },
    { requiredKeys: ['type', 'field', 'aggregation'] },
  ),
  fc.record({ type: fc.constant('conversion'), fromEvent: eventType, toEvent: eventType }),
);

const filter = fc.constantFrom<Record<string, unknown>>(
  { field: 'properties.plan', operator: 'equals', value: 'pro' },
  { field: 'device_type', operator: 'in', values: ['mobile', 'tablet'] },
  { field: 'properties.revenue', operator: 'between', values: [1, 20] },
  { field: 'properties.revenue', operator: 'gt', value: 10 },
  { field: 'context.campaign.source', operator: 'is_set' },
  { field: 'properties.flag', operator: 'equals', value: true },
  { field: 'hour_of_day', operator: 'gte', value: 8 },
  { field: 'properties.order.items[0].sku', operator: 'contains', value: 'sku' },
  { field: 'properties["utm.source"]', operator: 'not_in', values: ['ads'] },
);

const shared = {
  granularity: fc.constantFrom('minute', 'hour', 'day', 'week', 'month', 'quarter'),
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Kiritimati'),
  groupBy: fc.subarray(['device_type', 'properties.plan', 'context.page.path', 'properties.order.items[0].sku', 'user_id', 'hour_of_day'], { maxLength: 2 }),
  filters: fc.array(filter, { maxLength: 2 }),
  fillMissing: fc.boolean(),
  compare: fc.constant('previous_period'),
  limit: fc.integer({ min: 1, max: 50 }),
};

const oneMetricQuery = fc
  .tuple(range, fc.record({ metric, ...shared }, { requiredKeys: ['metric', 'granularity'] }))
  .map(([window, body]) => ({ ...body, ...window }));

const seriesQuery = fc
  .tuple(
    range,
    fc.record(
      {
        series: fc.array(fc.record({ metric, filters: fc.array(filter, { maxLength: 1 }) }, { requiredKeys: ['metric'] }), { minLength: 1, maxLength: 3 }),
        formulas: fc.array(fc.record({ formula: fc.constantFrom('A / A * 100', 'A + 1', '-(A - A) * 2', 'A / 0') }), { maxLength: 2 }),
        ...shared,
      },
      { requiredKeys: ['series', 'granularity'] },
    ),
  )
  .map(([window, body]) => ({ ...body, ...window }));

/** A valid query: one metric or several series with formulas, over the fuzzed week, with any options. */
const validQuery: fc.Arbitrary<object> = fc.oneof(oneMetricQuery, seriesQuery);

describe(`POST /v1/query under fuzzing (${fuzzLabel()})`, () => {
  let world: FuzzWorld;

  beforeAll(async () => {
    world = await startFuzzWorld();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('answers valid, near-valid and wild bodies with 2xx or a 4xx naming the field, and only the tenant’s own data', async () => {
    const bodies = fc.oneof({ arbitrary: validQuery, weight: 3 }, { arbitrary: nearValid(validQuery), weight: 6 }, { arbitrary: wildJson, weight: 1 });

    const tally = await fuzzRoute(world, '/v1/query', bodies, 300);

    console.log(`POST /v1/query: ${tally.total} bodies: ${tally}`);
    expect(tally.successes).toBeGreaterThan(tally.total / 10);
    expect((await world.app.get(null, '/health')).status).toBe(200);
  }, 600_000);

});
