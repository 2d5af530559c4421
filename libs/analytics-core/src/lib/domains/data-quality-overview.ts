/** What happened to an event, as the data-quality counters count it. */
export type DataQualityOutcome = 'stored' | 'stored_with_violations' | 'rejected' | 'quarantine_dropped';

/** One row of `data_quality_daily`: `field`/`rule` are '' on an outcome's total, else a rule broken. */
export interface DataQualityCounterRow {
  /** The tenant-local day the events were received, YYYY-MM-DD. */
  day: string;
  eventType: string;
  source: string;
  outcome: DataQualityOutcome;
  field: string;
  rule: string;
  count: number;
}

/** What happened to the events of one day, type or source. `received` is stored + stored with violations + rejected. */
export interface OutcomeCounts {
  received: number;
  stored: number;
  storedWithViolations: number;
  rejected: number;
}

export interface RuleCounts {
  eventType: string;
  field: string;
  rule: string;
  /** Events stored although they broke the rule (lenient policy): the value was set aside. */
  storedWithViolations: number;
  rejected: number;
}

export interface DataQualityOverview {
  totals: OutcomeCounts & { quarantineDropped: number };
  days: Array<OutcomeCounts & { day: string; quarantineDropped: number }>;
  eventTypes: Array<OutcomeCounts & { eventType: string }>;
  sources: Array<OutcomeCounts & { source: string }>;
  /** By event type, field and rule: which rules break most, and whether the events were kept. */
  rules: RuleCounts[];
}

const emptyCounts = (): OutcomeCounts => ({ received: 0, stored: 0, storedWithViolations: 0, rejected: 0 });

/**
 * Folds the daily counters (see `planDataQualityCounts`) into the overview. A counter with a field is a
 * rule's count and never adds to the totals; `quarantine_dropped` counts quarantine space, not events
 * received. Every list is sorted, so the answer is stable.
 */
export function foldDataQualityCounters(rows: readonly DataQualityCounterRow[]): DataQualityOverview {
  const totals = { ...emptyCounts(), quarantineDropped: 0 };
  const days = new Map<string, OutcomeCounts & { day: string; quarantineDropped: number }>();
  const eventTypes = new Map<string, OutcomeCounts & { eventType: string }>();
  const sources = new Map<string, OutcomeCounts & { source: string }>();
  const rules = new Map<string, RuleCounts>();
  const dayOf = (day: string) => getOrAdd(days, day, () => ({ day, ...emptyCounts(), quarantineDropped: 0 }));

  for (const row of rows) {
    if (row.outcome === 'quarantine_dropped') {
      totals.quarantineDropped += row.count;
      dayOf(row.day).quarantineDropped += row.count;
      continue;
    }
    if (row.field !== '' || row.rule !== '') {
      if (row.outcome === 'stored') continue;
      const rule = getOrAdd(rules, [row.eventType, row.field, row.rule].join('\u0000'), () => ({
        eventType: row.eventType,
        field: row.field,
        rule: row.rule,
        storedWithViolations: 0,
        rejected: 0,
      }));
      if (row.outcome === 'rejected') rule.rejected += row.count;
      else rule.storedWithViolations += row.count;
      continue;
    }
    const targets = [
      totals,
      dayOf(row.day),
      getOrAdd(eventTypes, row.eventType, () => ({ eventType: row.eventType, ...emptyCounts() })),
      getOrAdd(sources, row.source, () => ({ source: row.source, ...emptyCounts() })),
    ];
    for (const target of targets) add(target, row.outcome, row.count);
  }
  return {
    totals,
    days: sortedBy([...days.values()], (entry) => entry.day),
    eventTypes: sortedBy([...eventTypes.values()], (entry) => entry.eventType),
    sources: sortedBy([...sources.values()], (entry) => entry.source),
    rules: [...rules.values()].sort(
      (a, b) => b.storedWithViolations + b.rejected - (a.storedWithViolations + a.rejected) || compareText(ruleKey(a), ruleKey(b)),
    ),
  };
}

function add(target: OutcomeCounts, outcome: 'stored' | 'stored_with_violations' | 'rejected', count: number): void {
  target.received += count;
  if (outcome === 'stored') target.stored += count;
  else if (outcome === 'stored_with_violations') target.storedWithViolations += count;
  else target.rejected += count;
}

function getOrAdd<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

function sortedBy<T>(items: T[], key: (item: T) => string): T[] {
  return items.sort((a, b) => compareText(key(a), key(b)));
}

function ruleKey(rule: RuleCounts): string {
  return `${rule.eventType}\u0000${rule.field}\u0000${rule.rule}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
