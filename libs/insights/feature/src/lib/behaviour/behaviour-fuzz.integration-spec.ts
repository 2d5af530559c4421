import fc from 'fast-check';
import { fuzzLabel, nearValid, wildJson } from '@pulse/observability/testing';
import { fuzzRoute } from '../../testing/fuzz-properties';
import { FUZZ_EVENT_TYPES, FUZZ_WEEK, startFuzzWorld, type FuzzWorld } from '../../testing/fuzz-world';

const DAY = 86_400_000;
const eventType = fc.constantFrom(...FUZZ_EVENT_TYPES);

const propertyFilter = fc.constantFrom<Record<string, unknown>>(
  { property: 'plan', operator: 'equals', value: 'pro' },
  { property: 'plan', operator: 'in', value: ['pro', 'team'] },
  { property: 'revenue', operator: 'gt', value: 10 },
  { property: 'revenue', operator: 'lte', value: 30 },
  { property: 'flag', operator: 'equals', value: true },
  { property: 'utm.source', operator: 'is_set' },
  { property: 'plan', operator: 'contains', value: 'r' },
);

const step = fc.record({ eventType, filters: fc.array(propertyFilter, { maxLength: 2 }) }, { requiredKeys: ['eventType'] });

const range = fc.tuple(fc.integer({ min: -2, max: 5 }), fc.integer({ min: 1, max: 8 })).map(([startDay, days]) => {
  const from = Date.parse(FUZZ_WEEK.from) + startDay * DAY;
  return { from: new Date(from).toISOString(), to: new Date(from + days * DAY).toISOString() };
});

const window = fc.oneof(
  fc.record({ conversionWindowSeconds: fc.integer({ min: 1, max: 7_776_000 }) }),
  fc.record({ conversionWindow: fc.record({ value: fc.integer({ min: 1, max: 12 }), unit: fc.constantFrom('minute', 'hour', 'day', 'week') }) }),
);

/** A valid funnel: 2 to 4 steps over the fuzzed week, either window field, any mode, exclusions and breakdown. */
const validFunnel: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    range,
    window,
    fc.array(step, { minLength: 2, maxLength: 4 }),
    fc.record(
      {
        startMode: fc.constantFrom('any', 'first'),
        order: fc.constantFrom('sequential', 'strict'),
        exclusions: fc.array(fc.record({ eventType, afterStep: fc.constant(1), beforeStep: fc.constant(2) }), { maxLength: 1 }),
        breakdownProperty: fc.constantFrom('plan', 'flag', 'utm.source'),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([dates, conversion, steps, options]) => ({ ...dates, ...conversion, steps, ...options }));

const validDroppedUsers = fc
  .tuple(validFunnel, fc.integer({ min: 2, max: 4 }), fc.record({ limit: fc.integer({ min: 1, max: 1000 }), offset: fc.integer({ min: 0, max: 10 }) }, { requiredKeys: [] }))
  .map(([funnel, stepNumber, page]) => ({ ...funnel, step: Math.min(stepNumber, (funnel['steps'] as unknown[]).length), ...page }));

const matcher = fc.record({ eventType, filters: fc.array(propertyFilter, { maxLength: 1 }) }, { requiredKeys: ['eventType'] });

/** A valid retention request: a local day around the fuzzed week, any period, 1 to 12 periods. */
const validRetention: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    start: fc.integer({ min: 20, max: 35 }).map((day) => new Date(Date.UTC(2026, 1, day)).toISOString().slice(0, 10)),
    period: fc.constantFrom('day', 'week', 'month'),
    periods: fc.integer({ min: 1, max: 12 }),
    cohortEvent: matcher,
    returnEvent: matcher,
  },
  { requiredKeys: ['start', 'period', 'periods'] },
);

/** Valid bodies for a third, near-valid for the most, wild JSON for the rest. */
function bodiesAround(valid: fc.Arbitrary<object>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: nearValid(valid), weight: 6 }, { arbitrary: wildJson, weight: 1 });
}

describe(`funnels and retention under fuzzing (${fuzzLabel()})`, () => {
  let world: FuzzWorld;

  beforeAll(async () => {
    world = await startFuzzWorld();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it.each([
    ['/v1/funnels', bodiesAround(validFunnel), 200],
    ['/v1/funnels/dropped-users', bodiesAround(validDroppedUsers), 80],
    ['/v1/retention', bodiesAround(validRetention), 200],
  ] as const)('POST %s answers 2xx or a 4xx naming the field, with only the tenant’s own persons', async (path, bodies, runs) => {
    const tally = await fuzzRoute(world, path, bodies, runs);

    console.log(`POST ${path}: ${tally.total} bodies: ${tally}`);
    expect(tally.successes).toBeGreaterThan(tally.total / 10);
  }, 600_000);

  it('still answers /health after the runs', async () => {
    expect((await world.app.get(null, '/health')).status).toBe(200);
  });
});
