import { foldDataQualityCounters, type DataQualityCounterRow } from './data-quality-overview';

const row = (day: string, eventType: string, source: string, outcome: DataQualityCounterRow['outcome'], count: number, field = '', rule = ''): DataQualityCounterRow => ({
  day,
  eventType,
  source,
  outcome,
  field,
  rule,
  count,
});

describe('foldDataQualityCounters', () => {
  const rows = [
    row('2026-03-01', 'purchase', 'segment', 'stored', 10),
    row('2026-03-01', 'purchase', 'segment', 'stored_with_violations', 3),
    row('2026-03-01', 'purchase', 'segment', 'stored_with_violations', 3, 'properties.order_id', 'isDefined'),
    row('2026-03-01', 'purchase', 'segment', 'stored_with_violations', 1, 'properties.revenue', 'isNumber'),
    row('2026-03-02', 'add_to_cart', 'posthog', 'rejected', 2),
    row('2026-03-02', 'add_to_cart', 'posthog', 'rejected', 2, 'properties.product_id', 'isDefined'),
    row('2026-03-02', 'purchase', 'http', 'stored', 5),
    row('2026-03-02', '', '', 'quarantine_dropped', 4),
  ];

  it('adds outcome totals (not rule counters) into received, per day, type and source', () => {
    const overview = foldDataQualityCounters(rows);

    // received = 10 + 3 + 2 + 5; the rule counters (3, 1, 2) and the dropped (4) are not events received.
    expect(overview.totals).toEqual({ received: 20, stored: 15, storedWithViolations: 3, rejected: 2, quarantineDropped: 4 });
    expect(overview.days).toEqual([
      { day: '2026-03-01', received: 13, stored: 10, storedWithViolations: 3, rejected: 0, quarantineDropped: 0 },
      { day: '2026-03-02', received: 7, stored: 5, storedWithViolations: 0, rejected: 2, quarantineDropped: 4 },
    ]);
    expect(overview.eventTypes).toEqual([
      { eventType: 'add_to_cart', received: 2, stored: 0, storedWithViolations: 0, rejected: 2 },
      { eventType: 'purchase', received: 18, stored: 15, storedWithViolations: 3, rejected: 0 },
    ]);
    expect(overview.sources.map(({ source, received }) => [source, received])).toEqual([
      ['http', 5],
      ['posthog', 2],
      ['segment', 13],
    ]);
  });

  it('lists the rules broken by type and field, most frequent first, split by what happened to the events', () => {
    expect(foldDataQualityCounters(rows).rules).toEqual([
      { eventType: 'purchase', field: 'properties.order_id', rule: 'isDefined', storedWithViolations: 3, rejected: 0 },
      { eventType: 'add_to_cart', field: 'properties.product_id', rule: 'isDefined', storedWithViolations: 0, rejected: 2 },
      { eventType: 'purchase', field: 'properties.revenue', rule: 'isNumber', storedWithViolations: 1, rejected: 0 },
    ]);
  });

  it('answers zeros and empty lists for no counters', () => {
    expect(foldDataQualityCounters([])).toEqual({
      totals: { received: 0, stored: 0, storedWithViolations: 0, rejected: 0, quarantineDropped: 0 },
      days: [],
      eventTypes: [],
      sources: [],
      rules: [],
    });
  });
});
