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

const dayRollups = (deltas: ReturnType<typeof planRollups>) => deltas.filter((delta) => delta.granularity === 'day');

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
    expect(deltas).toHaveLength(9);
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
});
