import { planRollups, type RollupSource } from './rollup-planning';

const SHOP = { id: 't1', timeZone: 'Europe/Berlin', currency: 'EUR' };

function source(overrides: Partial<RollupSource>): RollupSource {
  return {
    tenantId: 't1',
    type: 'purchase',
    category: 'commerce',
    occurredAt: new Date('2025-03-12T13:25:00Z'),
    userKey: 'alice',
    deviceType: 'desktop',
    properties: {},
    ...overrides,
  };
}

const perType = (deltas: ReturnType<typeof planRollups>) => deltas.filter((delta) => delta.eventType !== '*');
const dayRollups = (deltas: ReturnType<typeof planRollups>) => perType(deltas).filter((delta) => delta.granularity === 'day');

describe('planRollups', () => {
  it('rolls a commerce event up per minute, hour and local day, in total and by device and product category', () => {
    const deltas = planRollups(SHOP, [source({ type: 'product_view', properties: { category: 'audio', price: 99.5 } })]);

    expect(deltas.map(({ granularity, bucketLabel, dimensions }) => [granularity, bucketLabel, dimensions])).toEqual(
      expect.arrayContaining([
        ['day', '2025-03-12', {}],
        ['day', '2025-03-12', { device_type: 'desktop' }],
        ['day', '2025-03-12', { product_category: 'audio' }],
        ['hour', '2025-03-12T14:00+01:00', {}],
        ['minute', '2025-03-12T14:25+01:00', {}],
      ]),
    );
    expect(perType(deltas)).toHaveLength(9);
    expect(dayRollups(deltas)[0]).toMatchObject({ count: 1, userKeys: ['alice'], metrics: { price: { count: 1, sum: 99.5 } } });
  });

  it('counts machine events without counting a user', () => {
    const deltas = planRollups(SHOP, [source({ type: 'model_usage', category: 'model_usage', userKey: null, properties: { model_provider: 'openai', tokens_used: 10 } })]);

    const days = dayRollups(deltas).map(({ dimensions, count, userKeys }) => ({ dimensions, count, userKeys }));
    expect(days).toHaveLength(2);
    expect(days).toEqual(
      expect.arrayContaining([
        { dimensions: {}, count: 1, userKeys: [] },
        { dimensions: { model_provider: 'openai' }, count: 1, userKeys: [] },
      ]),
    );
  });

  it("keeps revenue in another currency out of the tenant-currency sum", () => {
    const deltas = planRollups(SHOP, [
      source({ properties: { revenue: 100, currency: 'EUR' } }),
      source({ userKey: 'bob', properties: { revenue: 50, currency: 'USD' } }),
    ]);

    const total = dayRollups(deltas).find((delta) => Object.keys(delta.dimensions).length === 0)!;
    expect(total.count).toBe(2);
    expect(total.metrics['revenue']).toMatchObject({ count: 1, sum: 100 });
    expect(total.metrics['revenue:USD']).toMatchObject({ count: 1, sum: 50 });
  });

  it('adds an all-types rollup per hour, local day, week and month, with no dimensions or metrics', () => {
    const deltas = planRollups(SHOP, [
      source({ type: 'product_view', properties: { category: 'audio', price: 10 } }),
      source({ type: 'model_usage', category: 'model_usage', userKey: null, properties: { model_provider: 'openai' } }),
      // 2025-03-16T23:30Z is Monday 00:30 in Berlin: next week, same month.
      source({ type: 'page_view', category: 'content', userKey: 'bob', occurredAt: new Date('2025-03-16T23:30:00Z') }),
    ]);

    const allTypes = deltas
      .filter((delta) => delta.eventType === '*')
      .map(({ granularity, bucketLabel, dimensions, count, userKeys, metrics }) => ({ granularity, bucketLabel, dimensions, count, userKeys, metrics }))
      .sort((a, b) => (`${a.granularity} ${a.bucketLabel}` < `${b.granularity} ${b.bucketLabel}` ? -1 : 1));
    // The machine event is counted but lists no user; categories meet in one rollup.
    expect(allTypes).toEqual([
      { granularity: 'day', bucketLabel: '2025-03-12', dimensions: {}, count: 2, userKeys: ['alice'], metrics: {} },
      { granularity: 'day', bucketLabel: '2025-03-17', dimensions: {}, count: 1, userKeys: ['bob'], metrics: {} },
      { granularity: 'hour', bucketLabel: '2025-03-12T14:00+01:00', dimensions: {}, count: 2, userKeys: ['alice'], metrics: {} },
      { granularity: 'hour', bucketLabel: '2025-03-17T00:00+01:00', dimensions: {}, count: 1, userKeys: ['bob'], metrics: {} },
      { granularity: 'month', bucketLabel: '2025-03', dimensions: {}, count: 3, userKeys: ['alice', 'bob'], metrics: {} },
      { granularity: 'week', bucketLabel: '2025-03-10', dimensions: {}, count: 2, userKeys: ['alice'], metrics: {} },
      { granularity: 'week', bucketLabel: '2025-03-17', dimensions: {}, count: 1, userKeys: ['bob'], metrics: {} },
    ]);
  });
});
