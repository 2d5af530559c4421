import { queryPeriods } from '@pulse/analytics-core';
import { TEST_TENANT as TENANT, testMetricQuery as query } from './metric-test-query';
import { buildRawMetricStatement } from './raw-metric-sql';

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
