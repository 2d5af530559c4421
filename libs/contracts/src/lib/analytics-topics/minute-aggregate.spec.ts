import { decodeMinuteAggregate, encodeMinuteAggregate, type MinuteAggregate } from './minute-aggregate';

const aggregate: MinuteAggregate = {
  schemaVersion: 1,
  tenantId: 't1',
  minuteStart: '2026-03-10T10:07:00.000Z',
  closedAt: '2026-03-10T10:08:15.250Z',
  events: 7,
  eventsByType: { page_view: 4, purchase: 2, system_metric: 1 },
  activeUsers: 3,
  orders: 2,
  revenue: 130.5,
  currency: 'EUR',
  conversations: 0,
  requests: 1,
  errors: 1,
  errorRate: 1,
  latencyP95Ms: 840,
};

describe('minute aggregates', () => {
  it('decode what they encode', () => {
    expect(decodeMinuteAggregate(Buffer.from(encodeMinuteAggregate(aggregate)))).toEqual({ ok: true, aggregate });
  });

  it('accept null rates and latencies of a minute without requests', () => {
    const quiet = { ...aggregate, requests: 0, errors: 0, errorRate: null, latencyP95Ms: null };
    expect(decodeMinuteAggregate(encodeMinuteAggregate(quiet))).toEqual({ ok: true, aggregate: quiet });
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['another schema version', JSON.stringify({ ...aggregate, schemaVersion: 2 }), 'schemaVersion is not 1'],
    [
      'a minute that does not start on the minute',
      JSON.stringify({ ...aggregate, minuteStart: '2026-03-10T10:07:30Z' }),
      'minuteStart is not a whole minute',
    ],
    ['a negative count', JSON.stringify({ ...aggregate, orders: -1 }), 'orders is not a count'],
    [
      'a count by type that is no count',
      JSON.stringify({ ...aggregate, eventsByType: { page_view: 'many' } }),
      'eventsByType is not a map of counts',
    ],
    ['a missing tenant', JSON.stringify({ ...aggregate, tenantId: undefined }), 'tenantId is not a string'],
  ])('refuse %s, saying why', (_case, value, reason) => {
    expect(decodeMinuteAggregate(value)).toEqual({ ok: false, reason });
  });
});
