import type { DataQualityCounterRow, DataQualityOutcome } from '@pulse/analytics-core';

export type { DataQualityOutcome };

/** One counter row of `data_quality_daily` (analytics-core's row, with its tenant). */
export interface DataQualityCount extends DataQualityCounterRow {
  tenantId: string;
}

export interface CountedEvent {
  tenantId: string;
  day: string;
  /** '' when the event had no readable type (a rejected payload). */
  eventType: string;
  source: string;
  outcome: DataQualityOutcome;
  /** The rules it broke: one counter per (field, rule), beside the outcome's total. */
  issues?: ReadonlyArray<{ field: string; rule: string }>;
}

/** Folds events into counter rows: one total per (tenant, day, type, source, outcome), one per rule broken. */
export function planDataQualityCounts(events: readonly CountedEvent[]): DataQualityCount[] {
  const counts = new Map<string, DataQualityCount>();
  const add = (event: CountedEvent, field: string, rule: string) => {
    const key = [event.tenantId, event.day, event.eventType, event.source, event.outcome, field, rule].join('\u0000');
    const existing = counts.get(key);
    if (existing) existing.count += 1;
    else {
      const { tenantId, day, eventType, source, outcome } = event;
      counts.set(key, { tenantId, day, eventType, source, outcome, field, rule, count: 1 });
    }
  };
  for (const event of events) {
    add(event, '', '');
    // An event breaking one rule twice (two items without a price) counts once for that rule.
    const seen = new Set<string>();
    for (const { field, rule } of event.issues ?? []) {
      const generic = withoutIndexes(field);
      if (seen.has(`${generic}\u0000${rule}`)) continue;
      seen.add(`${generic}\u0000${rule}`);
      add(event, generic, rule);
    }
  }
  // Sorted so concurrent writers take row locks in the same order.
  return [...counts.values()].sort((a, b) => compareRows(a, b));
}

/** `properties.items[3].price` → `properties.items[].price`: the overview groups by field, not by position. */
export function withoutIndexes(field: string): string {
  return field.replace(/\[\d+\]/g, '[]');
}

function compareRows(a: DataQualityCount, b: DataQualityCount): number {
  const left = [a.tenantId, a.day, a.eventType, a.source, a.outcome, a.field, a.rule];
  const right = [b.tenantId, b.day, b.eventType, b.source, b.outcome, b.field, b.rule];
  for (let index = 0; index < left.length; index++) {
    if (left[index] !== right[index]) return left[index] < right[index] ? -1 : 1;
  }
  return 0;
}
