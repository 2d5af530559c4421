import { anomalySignalKey, decodeAnomalySignal, encodeAnomalySignal, type AnomalySignal } from './anomaly-signal';

const fired: AnomalySignal = {
  schemaVersion: 1,
  kind: 'fired',
  tenantId: 't1',
  ruleId: 'r1',
  ruleName: 'Checkout errors',
  incidentId: '019cd6f2-3c80-8abc-9def-0123456789ab',
  incidentStartedAt: '2026-03-10T10:07:00.000Z',
  granularity: 'minute',
  bucketStart: '2026-03-10T10:08:00.000Z',
  bucketEnd: '2026-03-10T10:09:00.000Z',
  observed: 42,
  expected: null,
  lower: null,
  upper: 20,
  score: null,
  severity: 'critical',
  condition: { kind: 'threshold', operator: 'above', value: 20 },
  detectedAt: '2026-03-10T10:09:16.000Z',
};

describe('anomaly signals', () => {
  it('decode what they encode, fired and recovered', () => {
    expect(decodeAnomalySignal(encodeAnomalySignal(fired))).toEqual({ ok: true, signal: fired });
    const recovered: AnomalySignal = { ...fired, kind: 'recovered', observed: 3, severity: null };
    expect(decodeAnomalySignal(Buffer.from(encodeAnomalySignal(recovered)))).toEqual({ ok: true, signal: recovered });
  });

  it('carry an anomaly condition with the method the scan used', () => {
    const anomaly: AnomalySignal = {
      ...fired,
      condition: { kind: 'anomaly', method: 'auto', sensitivity: 0.6 },
      method: 'seasonal',
      expected: 12,
      lower: 8,
      upper: 16,
      score: 4.2,
    };
    expect(decodeAnomalySignal(encodeAnomalySignal(anomaly))).toEqual({ ok: true, signal: anomaly });
  });

  it('are keyed by tenant and rule, so one rule’s signals stay in order', () => {
    expect(anomalySignalKey(fired)).toBe('t1:r1');
  });

  it.each([
    ['an unknown kind', { ...fired, kind: 'resolved' }, 'kind is not fired or recovered'],
    ['an unknown granularity', { ...fired, granularity: 'week' }, 'granularity is not minute, hour or day'],
    ['an unknown severity', { ...fired, severity: 'urgent' }, 'severity is not low, medium, high, critical or null'],
    [
      'a threshold without value',
      { ...fired, condition: { kind: 'threshold', operator: 'above' } },
      'condition is not a threshold or anomaly condition',
    ],
    ['a text where a number belongs', { ...fired, observed: '42' }, 'observed is not a number or null'],
  ])('refuse %s, saying why', (_case, value, reason) => {
    expect(decodeAnomalySignal(JSON.stringify(value))).toEqual({ ok: false, reason });
  });
});
