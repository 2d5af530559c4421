import type {
  DataQualityOverview,
  OutcomeCounts,
  RuleCounts,
} from '../domains/data-quality-overview';
import { proportionChange } from './change-significance';
import { impactOf, rankedImpact, type Insight } from './insight';
import { formatPercent as percent, roundTo } from './insight-text';

/** Events that occurred in a period, and of them those received long after. */
export interface LateArrivalCounts {
  events: number;
  late: number;
}

export interface QualityInput {
  /** The data-quality counters of the period (by the day events were received). */
  current: DataQualityOverview;
  previous: DataQualityOverview['totals'];
  /** Events received `lateAfterMinutes` or more after they occurred, by the period they occurred in. */
  late?: {
    current: LateArrivalCounts;
    previous: LateArrivalCounts;
    lateAfterMinutes: number;
  };
  /** Fewer problem events than this say nothing (a handful of test payloads is not a finding). */
  minEvents?: number;
  /** Rules named per finding, the most broken first. */
  maxRules?: number;
}

/** A value set aside still leaves its event counted: it weighs half a rejected event. */
const SET_ASIDE_WEIGHT = 0.5;
/** Below this share, late events move no answer beyond its rounding. */
const MIN_LATE_SHARE = 0.01;

/**
 * The quality of what the tenant sends: per event type, events rejected and values set aside (lenient policy)
 * with the rules they broke; the rejection rate against the previous period (two-proportion test); rejected
 * events the quarantine had to drop (no longer replayable); and events arriving late. `impactScore` is the
 * share of the tenant's events affected. Counts are exact, so a level's confidence says how much evidence
 * there is (1 − 1/√count, as for the cost estimates), not whether it is real.
 */
export function qualityInsights(input: QualityInput): Insight[] {
  const minEvents = input.minEvents ?? 10;
  const maxRules = input.maxRules ?? 3;
  const { current } = input;
  const received = current.totals.received;
  const insights: Insight[] = [];
  if (received > 0) {
    for (const type of current.eventTypes) {
      const rules = current.rules.filter(
        (rule) => rule.eventType === type.eventType,
      );
      if (type.rejected >= minEvents)
        insights.push(rejections(type, received, rules, maxRules));
      if (type.storedWithViolations >= minEvents)
        insights.push(setAside(type, received, rules, maxRules));
    }
    const change = rejectionRateChange(current.totals, input.previous);
    if (change) insights.push(change);
  }
  if (current.totals.quarantineDropped >= minEvents)
    insights.push(quarantineOverflow(current.totals));
  if (input.late) {
    const late = lateArrivals(input.late, minEvents);
    if (late) insights.push(late);
  }
  return insights;
}

function typeLabel(eventType: string): string {
  return eventType === ''
    ? 'events without a readable type'
    : `${eventType} events`;
}

function topRules(
  rules: readonly RuleCounts[],
  outcome: 'rejected' | 'storedWithViolations',
  maxRules: number,
) {
  return rules
    .filter((rule) => rule[outcome] > 0)
    .sort((a, b) => b[outcome] - a[outcome])
    .slice(0, maxRules)
    .map((rule) => ({
      field: rule.field,
      rule: rule.rule,
      events: rule[outcome],
    }));
}

function describeRules(rules: ReturnType<typeof topRules>): string {
  return rules.length === 0
    ? ''
    : ` Most broken: ${rules.map((rule) => `${rule.field} (${rule.rule}, ${rule.events})`).join(', ')}.`;
}

function evidence(count: number): number {
  return roundTo(1 - 1 / Math.sqrt(count), 4);
}

function rejections(
  type: OutcomeCounts & { eventType: string },
  received: number,
  rules: readonly RuleCounts[],
  maxRules: number,
): Insight {
  const label = typeLabel(type.eventType);
  const broken = topRules(rules, 'rejected', maxRules);
  const impactScore = roundTo(type.rejected / received, 6);
  return {
    id: `quality:rejected_events:${type.eventType || '(none)'}`,
    type: 'quality',
    title: `${type.rejected} ${label} were rejected (${percent(type.rejected / type.received)} of them)`,
    explanation:
      `${type.rejected} of the ${type.received} ${label} received in the period were refused and never stored, ` +
      `${percent(impactScore)} of all events received.${describeRules(broken)}`,
    recommendation:
      'Fix the sender for the rules named (GET /v1/data-quality/rejections shows the payloads), then replay the quarantine (POST /v1/data-quality/rejections/replay) so the answers count them.',
    impact: impactOf(impactScore),
    impactScore,
    confidence: evidence(type.rejected),
    supportingData: {
      eventType: type.eventType,
      received: type.received,
      rejected: type.rejected,
      rejectedShare: roundTo(type.rejected / type.received, 4),
      rules: broken,
    },
  };
}

function setAside(
  type: OutcomeCounts & { eventType: string },
  received: number,
  rules: readonly RuleCounts[],
  maxRules: number,
): Insight {
  const label = typeLabel(type.eventType);
  const broken = topRules(rules, 'storedWithViolations', maxRules);
  const share = type.storedWithViolations / received;
  const impactScore = roundTo(share * SET_ASIDE_WEIGHT, 6);
  return {
    id: `quality:set_aside_values:${type.eventType || '(none)'}`,
    type: 'quality',
    title: `${type.storedWithViolations} ${label} were stored with values set aside`,
    explanation:
      `${type.storedWithViolations} of the ${type.received} ${label} broke a schema rule and were stored without ` +
      `the broken values (lenient policy): answers over those values leave them out.${describeRules(broken)}`,
    recommendation:
      'Correct the fields named at the sender, or add a property mapping if the sender names them differently (PUT /v1/admin/tenants/:id/property-mappings).',
    impact: impactOf(impactScore),
    impactScore,
    confidence: evidence(type.storedWithViolations),
    supportingData: {
      eventType: type.eventType,
      received: type.received,
      storedWithViolations: type.storedWithViolations,
      share: roundTo(type.storedWithViolations / type.received, 4),
      rules: broken,
    },
  };
}

function rejectionRateChange(
  current: OutcomeCounts,
  previous: OutcomeCounts,
): Insight | undefined {
  if (previous.received === 0) return undefined;
  const now = current.rejected / current.received;
  const before = previous.rejected / previous.received;
  if (now === before) return undefined;
  const { z, confidence } = proportionChange(
    current.rejected,
    current.received,
    previous.rejected,
    previous.received,
  );
  const rose = now > before;
  return {
    id: 'quality:rejection_rate_change:all',
    type: 'quality',
    title: `The rejection rate ${rose ? 'rose' : 'fell'} from ${percent(before)} to ${percent(now)}`,
    explanation:
      `${current.rejected} of ${current.received} events received were rejected, against ${previous.rejected} of ` +
      `${previous.received} in the previous period.`,
    recommendation: rose
      ? 'Something the tenant sends changed: compare the rules broken this period with the previous one (GET /v1/data-quality/overview) and check recent releases of the senders.'
      : 'Fewer events are refused: keep the fixes that did it.',
    ...rankedImpact(rose, Math.abs(now - before)),
    confidence: roundTo(confidence, 4),
    supportingData: {
      rejectionRate: roundTo(now, 4),
      previousRejectionRate: roundTo(before, 4),
      received: current.received,
      previousReceived: previous.received,
      z: roundTo(z, 3),
    },
  };
}

function quarantineOverflow(totals: DataQualityOverview['totals']): Insight {
  const impactScore = roundTo(
    totals.quarantineDropped / Math.max(totals.received, 1),
    6,
  );
  return {
    id: 'quality:quarantine_overflow:all',
    type: 'quality',
    title: `${totals.quarantineDropped} rejected events were dropped from the full quarantine`,
    explanation:
      `The quarantine keeps a bounded number of rejected events per tenant; ${totals.quarantineDropped} had to go to ` +
      'make room, so they can no longer be replayed.',
    recommendation:
      'Fix the senders behind the rejections first (the quarantine fills again otherwise), then replay what is left in it.',
    impact: impactOf(impactScore),
    impactScore,
    confidence: evidence(totals.quarantineDropped),
    supportingData: {
      quarantineDropped: totals.quarantineDropped,
      received: totals.received,
    },
  };
}

function lateArrivals(
  late: NonNullable<QualityInput['late']>,
  minEvents: number,
): Insight | undefined {
  const { current, previous, lateAfterMinutes } = late;
  if (current.late < minEvents || current.events === 0) return undefined;
  const share = current.late / current.events;
  if (share < MIN_LATE_SHARE) return undefined;
  const previousShare =
    previous.events > 0 ? previous.late / previous.events : null;
  const impactScore = roundTo(share, 6);
  return {
    id: 'quality:late_events:all',
    type: 'quality',
    title: `${percent(share)} of events arrived ${lateAfterMinutes} minutes or more after they occurred`,
    explanation:
      `${current.late} of the ${current.events} events of the period were received ${lateAfterMinutes} minutes or ` +
      `more after their timestamp${previousShare === null ? '' : `, against ${percent(previousShare)} in the previous period`}: ` +
      'live views and alerts of their hour did not see them.',
    recommendation:
      'Send events as they happen: flush SDK queues more often, and check that server clocks and batch imports set the time the event occurred.',
    impact: impactOf(impactScore),
    impactScore,
    confidence: evidence(current.late),
    supportingData: {
      lateEvents: current.late,
      events: current.events,
      lateShare: roundTo(share, 4),
      previousLateShare:
        previousShare === null ? null : roundTo(previousShare, 4),
      lateAfterMinutes,
    },
  };
}
