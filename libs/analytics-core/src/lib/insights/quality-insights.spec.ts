import {
  foldDataQualityCounters,
  type DataQualityCounterRow,
} from '../domains/data-quality-overview';
import { qualityInsights } from './quality-insights';

const row = (
  eventType: string,
  outcome: DataQualityCounterRow['outcome'],
  count: number,
  field = '',
  rule = '',
): DataQualityCounterRow => ({
  day: '2025-03-10',
  eventType,
  source: 'segment /v1/batch',
  outcome,
  field,
  rule,
  count,
});

const clean = (received: number) => ({
  received,
  stored: received,
  storedWithViolations: 0,
  rejected: 0,
  quarantineDropped: 0,
});

/*
 * purchase: 900 stored, 80 rejected (revenue not a number 50, order_id missing 20), 40 stored with a coupon
 * set aside; page_view: 1,000 stored, 5 rejected; 12 payloads without a readable type rejected.
 * Received: 2,037, of them 97 rejected. The previous period: 20 of 2,000 rejected.
 */
const CURRENT = foldDataQualityCounters([
  row('purchase', 'stored', 900),
  row('purchase', 'rejected', 80),
  row('purchase', 'rejected', 50, 'properties.revenue', 'isNumber'),
  row('purchase', 'rejected', 20, 'properties.order_id', 'isDefined'),
  row('purchase', 'stored_with_violations', 40),
  row(
    'purchase',
    'stored_with_violations',
    40,
    'properties.coupon',
    'isString',
  ),
  row('page_view', 'stored', 1_000),
  row('page_view', 'rejected', 5),
  row('', 'rejected', 12),
]);
const PREVIOUS = { ...clean(2_000), stored: 1_980, rejected: 20 };

describe('qualityInsights', () => {
  const found = qualityInsights({ current: CURRENT, previous: PREVIOUS });
  const byId = new Map(found.map((insight) => [insight.id, insight]));

  it('reports the rejected events of a type with the rules they broke, weighted by their share of all events', () => {
    const purchase = byId.get('quality:rejected_events:purchase');
    expect(purchase).toMatchObject({
      title: '80 purchase events were rejected (7.8 % of them)', // 80 of 1,020
      impact: 'medium',
      confidence: 0.8882, // 1 − 1/√80
      supportingData: {
        received: 1_020,
        rejected: 80,
        rules: [
          { field: 'properties.revenue', rule: 'isNumber', events: 50 },
          { field: 'properties.order_id', rule: 'isDefined', events: 20 },
        ],
      },
    });
    expect(purchase?.impactScore).toBeCloseTo(80 / 2_037, 6);
  });

  it('weighs values set aside half as much as rejected events', () => {
    const coupons = byId.get('quality:set_aside_values:purchase');
    expect(coupons?.impactScore).toBeCloseTo(40 / 2_037 / 2, 6);
    expect(coupons).toMatchObject({
      confidence: 0.8419,
      supportingData: {
        rules: [{ field: 'properties.coupon', rule: 'isString', events: 40 }],
      },
    });
  });

  it('names payloads without a type, and ignores a type under the minimum', () => {
    expect(byId.get('quality:rejected_events:(none)')?.title).toBe(
      '12 events without a readable type were rejected (100 % of them)',
    );
    expect(byId.has('quality:rejected_events:page_view')).toBe(false); // 5 < 10
  });

  it('tests the rejection rate against the previous period', () => {
    // 97/2,037 = 4.76 % against 20/2,000 = 1 %: z = 7.1238 (statsmodels proportions_ztest).
    const change = byId.get('quality:rejection_rate_change:all');
    expect(change).toMatchObject({
      impact: 'medium',
      supportingData: {
        rejectionRate: 0.0476,
        previousRejectionRate: 0.01,
        z: 7.124,
      },
    });
    expect(change?.impactScore).toBeCloseTo(97 / 2_037 - 0.01, 6);
    expect(change?.confidence).toBe(1);
  });

  it('reports rejected events the full quarantine dropped', () => {
    const [overflow] = qualityInsights({
      current: foldDataQualityCounters([
        row('purchase', 'stored', 985),
        row('purchase', 'quarantine_dropped', 15),
      ]),
      previous: clean(985),
    });
    expect(overflow).toMatchObject({
      id: 'quality:quarantine_overflow:all',
      confidence: 0.7418, // 1 − 1/√15
      supportingData: { quarantineDropped: 15, received: 985 },
    });
  });

  it('reports late events from 1 % of the period on', () => {
    const late = (current: number) =>
      qualityInsights({
        current: foldDataQualityCounters([row('page_view', 'stored', 2_000)]),
        previous: clean(2_000),
        late: {
          current: { events: 2_000, late: current },
          previous: { events: 2_000, late: 10 },
          lateAfterMinutes: 60,
        },
      });
    expect(late(100)).toEqual([
      expect.objectContaining({
        id: 'quality:late_events:all',
        title: '5 % of events arrived 60 minutes or more after they occurred',
        impact: 'medium',
        impactScore: 0.05,
        confidence: 0.9, // 1 − 1/√100
        supportingData: expect.objectContaining({ previousLateShare: 0.005 }),
      }),
    ]);
    expect(late(19)).toEqual([]); // 0.95 %
  });

  it('finds nothing on clean data', () => {
    expect(
      qualityInsights({
        current: foldDataQualityCounters([row('page_view', 'stored', 2_000)]),
        previous: clean(2_000),
        late: {
          current: { events: 2_000, late: 0 },
          previous: { events: 2_000, late: 0 },
          lateAfterMinutes: 60,
        },
      }),
    ).toEqual([]);
  });
});
