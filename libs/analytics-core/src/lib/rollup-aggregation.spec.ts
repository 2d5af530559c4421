import { aggregateRollups, dimensionValue, mergeRollups, RollupConfig, RollupDelta, RollupEvent } from './rollup-aggregation';

const BERLIN: RollupConfig = {
  timeZone: 'Europe/Berlin',
  dimensionSets: [['properties.channel'], ['context.device.type']],
};

// Around the Berlin spring-forward (2026-03-29 01:00 UTC): two purchases at 01:50 and 01:55 CET, one
// at 03:05 CEST, and a page view at 03:10 CEST without context.
const purchase = (id: number, iso: string, userKey: string, revenue: number, channel: string, device: string): RollupEvent => ({
  tenantId: 'tenant-1',
  type: 'purchase',
  occurredAt: new Date(iso),
  userKey,
  sessionId: `s-${id}`,
  properties: { revenue, channel },
  context: { device: { type: device } },
});
const EVENTS: RollupEvent[] = [
  purchase(1, '2026-03-29T00:50:00Z', 'u1', 10, 'web', 'mobile'),
  purchase(2, '2026-03-29T00:55:00Z', 'u2', 30, 'app', 'desktop'),
  purchase(3, '2026-03-29T01:05:00Z', 'u1', 20, 'web', 'mobile'),
  {
    tenantId: 'tenant-1',
    type: 'page_view',
    occurredAt: new Date('2026-03-29T01:10:00Z'),
    userKey: 'u3',
    properties: { channel: 'web' },
  },
];

const find = (
  deltas: RollupDelta[],
  granularity: string,
  bucketLabel: string,
  eventType: string,
  dimensions: Record<string, string | null> = {},
) => {
  const matches = deltas.filter(
    (delta) =>
      delta.granularity === granularity &&
      delta.bucketLabel === bucketLabel &&
      delta.eventType === eventType &&
      JSON.stringify(delta.dimensions) === JSON.stringify(dimensions),
  );
  expect(matches).toHaveLength(1);
  return matches[0];
};

/** Merges lists of deltas by key with mergeRollups, in the order given. */
const combine = (...lists: RollupDelta[][]) => {
  const byKey = new Map<string, RollupDelta>();
  for (const delta of lists.flat()) {
    const existing = byKey.get(delta.key);
    byKey.set(delta.key, existing === undefined ? delta : mergeRollups(existing, delta));
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
};

describe('aggregateRollups', () => {
  const deltas = aggregateRollups(EVENTS, BERLIN);

  it('produces one delta per granularity, bucket, type and dimension values', () => {
    // purchase: 3 minutes × 3 sets (9) + hour 01:00 CET (1 + 2 channels + 2 devices) + hour 03:00 CEST (3)
    // + day (1 + 2 + 2) = 22; page view: 3 granularities × 3 sets = 9.
    expect(deltas).toHaveLength(31);
  });

  it('sums the whole local day without dimensions', () => {
    const day = find(deltas, 'day', '2026-03-29', 'purchase');
    expect(day).toMatchObject({
      tenantId: 'tenant-1',
      bucketStart: new Date('2026-03-28T23:00:00Z'),
      count: 3,
      userKeys: ['u1', 'u2'],
    });
    expect(day.metrics['revenue']).toEqual({
      count: 3,
      sum: 60,
      min: 10,
      max: 30,
      // log10(x) × 20: 10 → 20, 20 → 26.02, 30 → 29.54
      histogram: { p20: 1, p26: 1, p29: 1 },
    });
  });

  it('puts the hours before and after the DST jump into separate buckets', () => {
    expect(find(deltas, 'hour', '2026-03-29T01:00+01:00', 'purchase')).toMatchObject({
      bucketStart: new Date('2026-03-29T00:00:00Z'),
      count: 2,
      userKeys: ['u1', 'u2'],
    });
    expect(find(deltas, 'hour', '2026-03-29T03:00+02:00', 'purchase')).toMatchObject({
      bucketStart: new Date('2026-03-29T01:00:00Z'),
      count: 1,
      userKeys: ['u1'],
    });
  });

  it('groups by a property dimension', () => {
    const web = find(deltas, 'day', '2026-03-29', 'purchase', { 'properties.channel': 'web' });
    expect(web).toMatchObject({ count: 2, userKeys: ['u1'] });
    expect(web.metrics['revenue']).toMatchObject({ count: 2, sum: 30, min: 10, max: 20 });
    expect(find(deltas, 'day', '2026-03-29', 'purchase', { 'properties.channel': 'app' }).count).toBe(1);
  });

  it('groups by a context dimension, with a missing value as null', () => {
    expect(find(deltas, 'day', '2026-03-29', 'purchase', { 'context.device.type': 'mobile' }).count).toBe(2);
    expect(find(deltas, 'day', '2026-03-29', 'page_view', { 'context.device.type': null }).count).toBe(1);
  });

  it('leaves out metrics an event type does not carry', () => {
    expect(find(deltas, 'day', '2026-03-29', 'page_view').metrics).toEqual({});
  });

  it('returns deltas sorted by key', () => {
    const keys = deltas.map((delta) => delta.key);
    expect(keys).toEqual([...keys].sort());
  });

  it('puts a late event two days old in its own day bucket', () => {
    const late = purchase(9, '2026-03-27T10:00:00Z', 'u9', 5, 'web', 'mobile');
    const withLate = aggregateRollups([...EVENTS, late], { timeZone: 'Europe/Berlin', granularities: ['day'] });
    expect(find(withLate, 'day', '2026-03-27', 'purchase')).toMatchObject({ count: 1, userKeys: ['u9'] });
    expect(find(withLate, 'day', '2026-03-29', 'purchase').count).toBe(3);
  });

  it('always includes the rollup without dimensions, once, and ignores duplicate paths in a set', () => {
    const result = aggregateRollups(EVENTS.slice(0, 1), {
      timeZone: 'UTC',
      granularities: ['day'],
      dimensionSets: [[], ['properties.channel', 'properties.channel']],
    });
    expect(result).toHaveLength(2);
    expect(result.map((delta) => delta.dimensions)).toEqual(expect.arrayContaining([{}, { 'properties.channel': 'web' }]));
  });

  it('summarises only finite numbers of the configured properties', () => {
    const result = aggregateRollups(
      [
        { tenantId: 't', type: 'x', occurredAt: 0, userKey: 'u', properties: { cost: 1.5, latency_ms: '12', score: Number.NaN } },
        { tenantId: 't', type: 'x', occurredAt: 0, userKey: 'u', properties: { cost: 2, other: 7 } },
      ],
      { timeZone: 'UTC', granularities: ['day'], numericProperties: ['cost', 'latency_ms', 'score', 'missing'] },
    );
    expect(Object.keys(result[0].metrics)).toEqual(['cost']);
    expect(result[0].metrics['cost']).toMatchObject({ count: 2, sum: 3.5, min: 1.5, max: 2 });
    expect(result[0].count).toBe(2);
    expect(result[0].userKeys).toEqual(['u']);
  });

  it('follows the tenant time zone: a Kathmandu hour starts at a quarter past', () => {
    const [hour] = aggregateRollups(EVENTS.slice(0, 1), { timeZone: 'Asia/Kathmandu', granularities: ['hour'] });
    expect(hour.bucketStart).toEqual(new Date('2026-03-29T00:15:00Z'));
    expect(hour.bucketLabel).toBe('2026-03-29T06:00+05:45');
  });

  it('counts an event once per granularity even when a granularity is configured twice', () => {
    const result = aggregateRollups(EVENTS.slice(0, 1), { timeZone: 'UTC', granularities: ['day', 'day'] });
    expect(result.map((delta) => delta.count)).toEqual([1]);
  });

  it('rejects an empty dimension path', () => {
    expect(() => aggregateRollups(EVENTS, { timeZone: 'UTC', dimensionSets: [['properties.']] })).toThrow(RangeError);
  });
});

describe('aggregateRollups with all-types rollups', () => {
  const withAllTypes = aggregateRollups(EVENTS, { ...BERLIN, allTypesGranularities: ['hour', 'day', 'week', 'month'] });
  const allTypes = withAllTypes.filter((delta) => delta.eventType === '*');

  it('leaves the per-type rollups as they are', () => {
    expect(withAllTypes.filter((delta) => delta.eventType !== '*')).toEqual(aggregateRollups(EVENTS, BERLIN));
  });

  it('counts every event of a bucket with its distinct users, no dimensions and no metrics', () => {
    const summary = allTypes.map(({ granularity, bucketLabel, count, userKeys, dimensions, metrics }) => ({ granularity, bucketLabel, count, userKeys, dimensions, metrics }));
    expect(summary).toEqual(
      expect.arrayContaining([
        // 01:50 and 01:55 CET, then 03:05 and 03:10 CEST: two hours on the spring-forward day.
        { granularity: 'hour', bucketLabel: '2026-03-29T01:00+01:00', count: 2, userKeys: ['u1', 'u2'], dimensions: {}, metrics: {} },
        { granularity: 'hour', bucketLabel: '2026-03-29T03:00+02:00', count: 2, userKeys: ['u1', 'u3'], dimensions: {}, metrics: {} },
        { granularity: 'day', bucketLabel: '2026-03-29', count: 4, userKeys: ['u1', 'u2', 'u3'], dimensions: {}, metrics: {} },
        { granularity: 'week', bucketLabel: '2026-03-23', count: 4, userKeys: ['u1', 'u2', 'u3'], dimensions: {}, metrics: {} },
        { granularity: 'month', bucketLabel: '2026-03', count: 4, userKeys: ['u1', 'u2', 'u3'], dimensions: {}, metrics: {} },
      ]),
    );
    expect(allTypes).toHaveLength(5);
    expect(find(withAllTypes, 'week', '2026-03-23', '*').bucketStart.toISOString()).toBe('2026-03-22T23:00:00.000Z');
  });

  it('keeps each tenant\'s all-types rollups apart', () => {
    const other: RollupEvent = { ...EVENTS[0], tenantId: 'tenant-2', userKey: 'u9' };
    const deltas = aggregateRollups([...EVENTS, other], { timeZone: 'Europe/Berlin', granularities: ['day'], allTypesGranularities: ['day'] });
    const days = deltas.filter((delta) => delta.eventType === '*').map(({ tenantId, count, userKeys }) => ({ tenantId, count, userKeys }));
    expect(days).toEqual(
      expect.arrayContaining([
        { tenantId: 'tenant-1', count: 4, userKeys: ['u1', 'u2', 'u3'] },
        { tenantId: 'tenant-2', count: 1, userKeys: ['u9'] },
      ]),
    );
    expect(days).toHaveLength(2);
  });
});

describe('mergeRollups', () => {
  const [a, b, c] = [EVENTS.slice(0, 1), EVENTS.slice(1, 3), EVENTS.slice(3)].map((batch) => aggregateRollups(batch, BERLIN));

  it('merging per-batch deltas equals aggregating all events at once', () => {
    expect(combine(a, b, c)).toEqual(aggregateRollups(EVENTS, BERLIN));
  });

  it('is commutative', () => {
    expect(combine(b, a)).toEqual(combine(a, b));
  });

  it('is associative', () => {
    expect(combine(combine(a, b), c)).toEqual(combine(a, combine(b, c)));
  });

  it('unions user keys and combines metric summaries', () => {
    const day = (deltas: RollupDelta[]) => find(deltas, 'day', '2026-03-29', 'purchase');
    const merged = mergeRollups(day(a), day(b));
    expect(merged.userKeys).toEqual(['u1', 'u2']);
    expect(merged.metrics['revenue']).toEqual({ count: 3, sum: 60, min: 10, max: 30, histogram: { p20: 1, p26: 1, p29: 1 } });
  });

  it('refuses to merge different rollups', () => {
    expect(() => mergeRollups(a[0], c[0])).toThrow(RangeError);
  });
});

describe('dimensionValue', () => {
  const event: RollupEvent = {
    tenantId: 't',
    type: 'x',
    occurredAt: 0,
    userKey: 'u',
    properties: { plan: 'pro', seats: 5, trial: false, tags: ['a'], nothing: null },
  };

  it('turns numbers and booleans into text and anything else into null', () => {
    expect(['plan', 'seats', 'trial', 'tags', 'nothing', 'absent'].map((key) => dimensionValue(event, `properties.${key}`))).toEqual([
      'pro',
      '5',
      'false',
      null,
      null,
      null,
    ]);
  });

  it('never reads through the prototype chain', () => {
    expect(dimensionValue(event, 'properties.constructor')).toBeNull();
    expect(dimensionValue(event, 'properties.__proto__')).toBeNull();
  });
});
