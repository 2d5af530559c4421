import { deterministicId } from '../../deterministic-id';
import { nextIncident } from './incident-transition';
import type { BucketJudgement } from './latest-bucket-judgement';

const HOUR = 3_600_000;
const judgement = (time: number, breaching: boolean, incidentId?: string): BucketJudgement => ({
  time,
  observed: 1,
  breaching,
  expected: null,
  lower: null,
  upper: null,
  score: null,
  severity: breaching ? 'high' : null,
  ...(incidentId ? { incidentId } : {}),
});

describe('nextIncident', () => {
  it('opens an incident on the first breaching bucket, its id a function of the rule and that bucket', () => {
    const step = nextIncident(null, judgement(5 * HOUR, true), 'rule-1');
    const incident = { id: deterministicId(5 * HOUR, 'alert-incident', 'rule-1'), startedAt: 5 * HOUR };
    expect(step).toEqual({ open: incident, signal: { kind: 'fired', incident } });
    // Another replica evaluating the same bucket names the same incident.
    expect(nextIncident(null, judgement(5 * HOUR, true), 'rule-1').open).toEqual(incident);
    expect(nextIncident(null, judgement(5 * HOUR, true), 'rule-2').open?.id).not.toBe(incident.id);
  });

  it('takes the anomaly scan incident id when the judgement carries one', () => {
    expect(nextIncident(null, judgement(HOUR, true, 'scan-incident'), 'rule-1').open).toEqual({ id: 'scan-incident', startedAt: HOUR });
  });

  it('reports every further breaching bucket under the open incident', () => {
    const open = { id: 'incident-a', startedAt: HOUR };
    expect(nextIncident(open, judgement(2 * HOUR, true, 'another-scan-id'), 'rule-1')).toEqual({ open, signal: { kind: 'fired', incident: open } });
  });

  it('closes the incident with one recovery on the first bucket that does not breach', () => {
    const open = { id: 'incident-a', startedAt: HOUR };
    const recovered = nextIncident(open, judgement(3 * HOUR, false), 'rule-1');
    expect(recovered).toEqual({ open: null, signal: { kind: 'recovered', incident: open } });
    expect(nextIncident(recovered.open, judgement(4 * HOUR, false), 'rule-1')).toEqual({ open: null, signal: null });
  });
});
