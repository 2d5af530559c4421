import { performanceTrendInsights } from './performance-trend-insights';

const counts = (
  requests: number,
  serverErrors: number,
  latencyP95Ms: number | null,
) => ({
  requests,
  serverErrors,
  clientErrors: 0,
  averageLatencyMs: null,
  latencyP50Ms: null,
  latencyP95Ms,
  latencyP99Ms: null,
});

describe('performanceTrendInsights', () => {
  const endpoints = [
    {
      service: 'api',
      endpoint: 'POST /orders',
      current: counts(400, 40, 300),
      previous: counts(400, 8, 200),
    },
    {
      service: 'api',
      endpoint: 'GET /health',
      current: counts(600, 0, 5),
      previous: counts(600, 0, 5),
    },
  ];

  it('reports a rise in server errors with the two-proportion test', () => {
    const [errors] = performanceTrendInsights({ endpoints }).filter((insight) =>
      insight.id.includes('server_errors'),
    );
    expect(errors).toMatchObject({
      id: 'performance_trends:server_errors:api POST /orders',
      title: 'Server errors on api POST /orders rose from 2 % to 10 %',
    });
    // 40 % of requests × 8 points × 10 = 0.32.
    expect(errors.impactScore).toBeCloseTo(0.32, 12);
    expect(errors.impact).toBe('critical');
    expect(errors.confidence).toBeGreaterThan(0.999);
  });

  it('reports a p95 up by at least a fifth, sized by the sample', () => {
    const [latency] = performanceTrendInsights({ endpoints }).filter(
      (insight) => insight.id.includes('latency_p95'),
    );
    expect(latency.title).toBe('api POST /orders got slower: p95 200 → 300 ms');
    expect(latency.impactScore).toBeCloseTo(0.4 * 0.5, 12);
    expect(latency.confidence).toBe(0.95); // 1 − 1/√400
  });

  it('says nothing of stable endpoints, small samples or endpoints new in the period', () => {
    expect(
      performanceTrendInsights({
        endpoints: [
          {
            service: 'api',
            endpoint: 'GET /a',
            current: counts(600, 0, 110),
            previous: counts(600, 0, 100),
          },
          {
            service: 'api',
            endpoint: 'GET /b',
            current: counts(49, 40, 900),
            previous: counts(400, 0, 100),
          },
          {
            service: 'api',
            endpoint: 'GET /c',
            current: counts(400, 40, 900),
            previous: undefined,
          },
        ],
      }),
    ).toEqual([]);
  });
});
