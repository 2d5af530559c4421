import { validateMetricQuery, type MetricQuery } from '@pulse/analytics-core';

/**
 * Test support for the SQL-binding specs: a tenant, and a validated query over four Berlin days around the
 * spring DST change (event count by day unless `overrides` says otherwise).
 */
export const TEST_TENANT = { id: '0b0f5a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', currency: 'EUR' };

export function testMetricQuery(overrides: object): MetricQuery {
  const result = validateMetricQuery(
    { metric: { type: 'event_count' }, from: '2026-03-28T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00', granularity: 'day', ...overrides },
    'Europe/Berlin',
  );
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.query;
}
