import { encodeEventTimes, planEventTimes, utcDay, utcDayStartMs } from './event-times-planning';

describe('planEventTimes', () => {
  it('groups a batch by tenant, type and UTC day, with each event’s person and millisecond of the day', () => {
    const groups = planEventTimes([
      { tenantId: 't1', type: 'view', occurredAt: new Date('2026-03-01T23:59:59.999Z'), userKey: 'alice' },
      { tenantId: 't1', type: 'view', occurredAt: new Date('2026-03-02T00:00:00.000Z'), userKey: 'bob' },
      { tenantId: 't1', type: 'view', occurredAt: new Date('2026-03-01T00:00:00.007Z'), userKey: 'bob' },
      { tenantId: 't1', type: 'buy', occurredAt: new Date('2026-03-01T12:00:00Z'), userKey: 'alice' },
      { tenantId: 't2', type: 'view', occurredAt: new Date('2026-03-01T12:00:00Z'), userKey: 'alice' },
      // Machine events have nobody to follow.
      { tenantId: 't1', type: 'view', occurredAt: new Date('2026-03-01T12:00:00Z'), userKey: null },
    ]);
    expect(groups).toEqual([
      { tenantId: 't1', eventType: 'view', day: '2026-03-01', userKeys: ['alice', 'bob'], msOfDay: [86_399_999, 7] },
      { tenantId: 't1', eventType: 'view', day: '2026-03-02', userKeys: ['bob'], msOfDay: [0] },
      { tenantId: 't1', eventType: 'buy', day: '2026-03-01', userKeys: ['alice'], msOfDay: [43_200_000] },
      { tenantId: 't2', eventType: 'view', day: '2026-03-01', userKeys: ['alice'], msOfDay: [43_200_000] },
    ]);
  });

  it('cuts days in UTC before 1970 too', () => {
    expect(utcDay(new Date('1969-12-31T23:00:00Z'))).toBe('1969-12-31');
    expect(utcDayStartMs('1969-12-31')).toBe(-86_400_000);
  });
});

describe('encodeEventTimes', () => {
  it('writes big-endian int4 person id, then int4 milliseconds, per record', () => {
    expect(encodeEventTimes([1, 258], [86_399_999, 7]).toString('hex')).toBe('00000001' + '05265bff' + '00000102' + '00000007');
  });
});
