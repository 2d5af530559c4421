import { anomalyInsights } from './anomaly-insights';

describe('anomalyInsights', () => {
  it('makes one finding per incident, weighted by its deviation and the share of the range it lasted', () => {
    const [finding] = anomalyInsights([
      {
        metric: 'orders',
        judgedPoints: 168,
        anomalies: [
          {
            time: '2025-03-12T15:00:00.000Z',
            observed: 0,
            expected: 20,
            score: -4.5,
            incidentId: 'i1',
          },
          {
            time: '2025-03-12T14:00:00.000Z',
            observed: 0,
            expected: 20,
            score: -5,
            incidentId: 'i1',
          },
          {
            time: '2025-03-12T16:00:00.000Z',
            observed: 0,
            expected: 20,
            score: -4.2,
            incidentId: 'i1',
          },
        ],
      },
    ]);
    expect(finding).toMatchObject({
      id: 'anomalies:orders:i1',
      title:
        'orders below expected from 2025-03-12T14:00:00.000Z to 2025-03-12T16:00:00.000Z',
      impact: 'low',
      supportingData: {
        buckets: 3,
        observed: 0,
        expected: 60,
        peakScore: -5,
        from: '2025-03-12T14:00:00.000Z',
      },
    });
    expect(finding.impactScore).toBeCloseTo(3 / 168, 6); // all of the expected orders missing for 3 of 168 hours
    expect(finding.confidence).toBe(1); // 1 − p of |z| = 5 is 1 − 5.7e-7 (SciPy), shown to 4 decimals
    expect(finding.explanation).toContain('-100 %');
  });

  it('caps a spike’s relative deviation at the whole range and keeps metrics and incidents apart', () => {
    const found = anomalyInsights([
      {
        metric: 'events',
        judgedPoints: 10,
        anomalies: [
          {
            time: 't1',
            observed: 500,
            expected: 100,
            score: 8,
            incidentId: 'a',
          },
          {
            time: 't5',
            observed: 130,
            expected: 100,
            score: 3,
            incidentId: 'b',
          },
        ],
      },
      { metric: 'error_rate', judgedPoints: 10, anomalies: [] },
    ]);
    expect(found.map((insight) => insight.id)).toEqual([
      'anomalies:events:a',
      'anomalies:events:b',
    ]);
    expect(found[0].impactScore).toBeCloseTo(0.1, 12); // min(1, 400/100) × 1/10
    expect(found[1].impactScore).toBeCloseTo(0.03, 12); // 30/100 × 1/10
    expect(found[1].confidence).toBeCloseTo(0.9973, 4); // 1 − 2·sf(3) = 0.99730
  });
});
