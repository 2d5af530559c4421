import { queryPeriods } from '@pulse/analytics-core';
import { TEST_TENANT as TENANT, testMetricQuery as query } from './metric-test-query';
import { buildRawMetricStatement } from './raw-metric-sql';

describe('raw metric statements over property paths', () => {
  it('binds each key of a nested path as text and each index as int, never as SQL text', () => {
    const built = query({
      metric: { type: 'aggregate', field: 'properties.zqOrder.zqItems[3].zqPrice', aggregation: 'sum' },
      groupBy: ['properties["zq.dotted"]'],
      filters: [{ field: "properties.zqShipping[\"zq'country\"]", operator: 'equals', value: 'DE' }],
    });
    const statement = buildRawMetricStatement(TENANT, built, queryPeriods(built).current);
    expect(statement.sql).not.toMatch(/zq/);
    const placeholder = (value: unknown, type: string) => {
      const index = statement.parameters.findIndex((parameter) => parameter === value);
      expect(index).toBeGreaterThanOrEqual(0);
      return `$${index + 1}::${type}`;
    };
    const [order, items, index, price] = [placeholder('zqOrder', 'text'), placeholder('zqItems', 'text'), placeholder(3, 'int'), placeholder('zqPrice', 'text')];
    expect(statement.sql).toContain(`e."properties" -> ${order} -> ${items} -> ${index} -> ${price}`);
    expect(statement.sql).toContain(`e."properties" -> ${order} -> ${items} -> ${index} ->> ${price}`);
    expect(statement.sql).toContain(`e."properties" ->> ${placeholder('zq.dotted', 'text')}`);
    expect(statement.sql).toContain(`e."properties" -> ${placeholder('zqShipping', 'text')} ->> ${placeholder("zq'country", 'text')}`);
  });

  it('reads a top-level property with one bound key, as before', () => {
    const built = query({ groupBy: ['properties.plan'] });
    const statement = buildRawMetricStatement(TENANT, built, queryPeriods(built).current);
    const key = statement.parameters.indexOf('plan') + 1;
    expect(statement.sql).toContain(`(CASE WHEN jsonb_typeof(e."properties" -> $${key}::text) IN ('string', 'number', 'boolean') THEN e."properties" ->> $${key}::text END)`);
  });
});
