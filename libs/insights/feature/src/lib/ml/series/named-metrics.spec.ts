import { validateQueryRequest } from '@pulse/analytics-core';
import { NAMED_METRIC_QUERIES, NAMED_METRICS } from './named-metrics';

describe('named metrics', () => {
  it.each(NAMED_METRICS)('%s is a valid metric query over hours', (name) => {
    const validation = validateQueryRequest(
      { ...NAMED_METRIC_QUERIES[name], from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', granularity: 'hour' },
      'UTC',
    );
    expect(validation).toMatchObject({ ok: true });
  });

  it('reads error_rate as 5xx requests over all requests', () => {
    expect(NAMED_METRIC_QUERIES.error_rate).toMatchObject({ formulas: [{ formula: 'A / B' }] });
  });
});
