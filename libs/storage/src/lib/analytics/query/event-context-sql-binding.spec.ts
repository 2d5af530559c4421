import { queryPeriods, validateMetricQuery, type MetricQuery } from '@pulse/analytics-core';
import { buildRawMetricStatement } from './raw-metric-sql';

const TENANT = { id: '0b0f5a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', currency: 'EUR' };

function query(overrides: object): MetricQuery {
  const result = validateMetricQuery(
    { metric: { type: 'event_count' }, from: '2026-03-28T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00', granularity: 'day', ...overrides },
    'Europe/Berlin',
  );
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.query;
}

describe('raw metric statements over context paths', () => {
  it('binds each context path as a text[] read with #> / #>>, never as SQL text', () => {
    const built = query({
      metric: { type: 'aggregate', field: 'context.zqScreen.zqWidth', aggregation: 'sum' },
      groupBy: ['context.zqCampaign.zqSource'],
      filters: [
        { field: 'context.zqPage.zqPath', operator: 'equals', value: '/pricing' },
        { field: 'context.zqFlags.zqBeta', operator: 'equals', value: true },
        { field: 'context.zqLocale', operator: 'is_set' },
      ],
    });
    const statement = buildRawMetricStatement(TENANT, built, queryPeriods(built).current);
    expect(statement.sql).not.toMatch(/zq/);
    expect(statement.sql).not.toContain('"properties"');
    for (const path of [['zqScreen', 'zqWidth'], ['zqCampaign', 'zqSource'], ['zqPage', 'zqPath'], ['zqFlags', 'zqBeta'], ['zqLocale']]) {
      const index = statement.parameters.findIndex((value) => JSON.stringify(value) === JSON.stringify(path));
      expect(index).toBeGreaterThanOrEqual(0);
      expect(statement.sql).toContain(`e."context" #> $${index + 1}::text[]`);
    }
    expect(statement.sql).toMatch(/e\."context" #>> \$\d+::text\[\]/);
  });
});
