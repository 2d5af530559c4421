import { allTypesRollupReads, planMetricQuery, queryPeriods, STREAM_PROCESSOR_ROLLUP_CATALOG } from '@pulse/analytics-core';
import { buildAllTypesRollupStatement } from './all-types-rollup-sql';
import { TEST_TENANT as TENANT, testMetricQuery as query } from './metric-test-query';
import { buildRawMetricStatement } from './raw-metric-sql';
import { buildRollupMetricStatement } from './rollup-metric-sql';

const MARK = 'zq_marker';

describe('metric statements bind every name and value', () => {
  it('keeps property names, event types and filter values out of the raw SQL text', () => {
    const built = query({
      metric: { type: 'aggregate', field: `properties.${MARK}_revenue`, aggregation: 'p95', events: [`${MARK}_type`] },
      groupBy: [`properties.${MARK}_group`],
      filters: [
        { field: `properties.${MARK}_plan`, operator: 'in', values: [`${MARK}_value`] },
        { field: `properties.${MARK}_text`, operator: 'contains', value: `${MARK}_needle` },
      ],
    });
    const statement = buildRawMetricStatement(TENANT, built, queryPeriods(built).current);
    expect(statement.sql).not.toContain(MARK);
    expect(JSON.stringify(statement.parameters)).toContain(`${MARK}_revenue`);
    expect(statement.sql).toContain(`"tenant_id" = $1::uuid`);
    expect(statement.parameters[0]).toBe(TENANT.id);
  });

  it('keeps dimension values and event types out of the rollup SQL text', () => {
    const built = query({
      metric: { type: 'unique_users', events: [`${MARK}_type`] },
      groupBy: ['device_type'],
      filters: [{ field: 'device_type', operator: 'not_in', values: [`${MARK}_device`] }],
    });
    const plan = planMetricQuery(built, STREAM_PROCESSOR_ROLLUP_CATALOG, 'Europe/Berlin');
    if (plan.path !== 'rollup' || plan.rollups !== 'by_type') throw new Error(JSON.stringify(plan));
    const statement = buildRollupMetricStatement(TENANT, built, plan, queryPeriods(built).current);
    expect(statement.sql).not.toContain(MARK);
    const tenantPlaceholder = Number(/r\."tenant_id" = \$(\d+)::uuid/.exec(statement.sql)?.[1]);
    expect(statement.parameters[tenantPlaceholder - 1]).toBe(TENANT.id);
    expect(JSON.stringify(statement.parameters)).toContain(`${MARK}_device`);
  });

  it("binds the tenant and the all-types marker ('*') of the '*' rollup statement", () => {
    const built = query({ metric: { type: 'unique_users' }, granularity: 'quarter', from: '2026-01-01T00:00:00+01:00', to: '2026-07-01T00:00:00+02:00' });
    const reads = allTypesRollupReads(queryPeriods(built).current, 'Europe/Berlin');
    if (reads === undefined) throw new Error('quarters are whole months');
    const statement = buildAllTypesRollupStatement(TENANT, built, reads);
    expect(statement.sql).not.toContain(`'*'`);
    expect(statement.parameters.slice(0, 2)).toEqual([TENANT.id, '*']);
    // Quarters are three month rows each: their users are the union of the months' lists.
    expect(statement.sql).toContain('SELECT DISTINCT t."bucket", u."user_key"');
  });

  it('binds the years and day masks of a whole-day range total over the active-day bitmaps', () => {
    // Mon 29 Dec 2025 … Wed 7 Jan 2026: a week and two days, across New Year.
    const built = query({ metric: { type: 'unique_users' }, granularity: 'day', from: '2025-12-29T00:00:00+01:00', to: '2026-01-08T00:00:00+01:00' });
    const reads = allTypesRollupReads(queryPeriods(built).current, 'Europe/Berlin');
    if (reads === undefined) throw new Error('whole days');
    const statement = buildAllTypesRollupStatement(TENANT, built, reads);
    expect(statement.sql).toContain('JOIN "person_active_days"');
    expect(statement.sql).toContain('count(DISTINCT p."user_key")');
    expect(statement.sql).not.toContain('"event_rollup_users"');
    expect(statement.parameters).toContainEqual([2025, 2026]);
    // 29–31 Dec 2025 = indexes 362–364 (word 5, bits 42–44); 1–7 Jan 2026 = bits 0–6 of word 0.
    expect(statement.parameters).toContainEqual([String((BigInt(7) << BigInt(42))), '0']);
    expect(statement.parameters).toContainEqual(['0', '127']);
  });
});
