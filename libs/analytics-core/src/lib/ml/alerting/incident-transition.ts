import { deterministicId } from '../../deterministic-id';
import type { BucketJudgement } from './latest-bucket-judgement';

/** The incident a rule is in, kept with the rule between evaluations. */
export interface OpenIncident {
  id: string;
  /** Start of its first breaching bucket (epoch ms). */
  startedAt: number;
}

export interface IncidentSignal {
  kind: 'fired' | 'recovered';
  incident: OpenIncident;
}

export interface IncidentStep {
  open: OpenIncident | null;
  /** What to publish for this bucket: every breaching bucket reports its incident (`fired`), the first clear one `recovered`. */
  signal: IncidentSignal | null;
}

/**
 * One evaluation's effect on the rule's incident. A breaching bucket opens an incident (or continues the
 * open one); the first bucket that does not breach closes it with one `recovered`. The id of a new
 * incident is a pure function of the rule and its first bucket (or the anomaly scan's own incident id),
 * so replicas evaluating the same bucket agree on it.
 */
export function nextIncident(open: OpenIncident | null, judgement: BucketJudgement, ruleId: string): IncidentStep {
  if (judgement.breaching) {
    const incident = open ?? { id: judgement.incidentId ?? deterministicId(judgement.time, 'alert-incident', ruleId), startedAt: judgement.time };
    return { open: incident, signal: { kind: 'fired', incident } };
  }
  if (open !== null) return { open: null, signal: { kind: 'recovered', incident: open } };
  return { open: null, signal: null };
}
