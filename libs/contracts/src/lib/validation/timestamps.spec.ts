import {
  correctClockSkew,
  isIsoTimestampWithOffset,
  isIsoTimestampWithoutOffset,
  subtractMilliseconds,
} from './timestamps';

describe('ISO timestamps', () => {
  it.each([
    '2025-03-01T12:00:00Z',
    '2025-03-01T12:00:00.123Z',
    '2025-03-01T13:00:00+01:00',
    '2025-03-01T12:00:00.123456-05:30',
  ])('accepts %s: a date-time with an offset', (value) =>
    expect(isIsoTimestampWithOffset(value)).toBe(true),
  );

  it.each([
    ['2025-03-01T12:00:00', 'no offset'],
    ['2025-03-01', 'a date alone'],
    ['2025-02-30T10:00:00Z', 'a day February does not have'],
    ['2025-03-01T24:00:00Z', 'hour 24'],
    ['1740830400000', 'epoch milliseconds'],
  ])('rejects %s (%s)', (value) =>
    expect(isIsoTimestampWithOffset(value)).toBe(false),
  );

  it('recognises the naive form Python publishers emit, separately', () => {
    expect(isIsoTimestampWithoutOffset('2025-03-01T12:00:00.123456')).toBe(
      true,
    );
    expect(isIsoTimestampWithoutOffset('2025-03-01T12:00:00Z')).toBe(false);
  });
});

describe('correctClockSkew', () => {
  it('re-anchors the client-measured delay on the server clock: receivedAt - (sentAt - timestamp)', () => {
    // The client says it sent 5 s after the event; the server received it at 12:10:02.
    expect(
      correctClockSkew({
        timestamp: '2025-03-01T12:00:00.000Z',
        sentAt: '2025-03-01T12:00:05.000Z',
        receivedAt: '2025-03-01T12:10:02.000Z',
      }),
    ).toBe('2025-03-01T12:09:57.000Z');
  });

  it('honours offsets in the client timestamps', () => {
    // 13:00+01:00 is 12:00Z: a 5 s delay before an arrival at 12:00:06Z.
    expect(
      correctClockSkew({
        timestamp: '2025-03-01T13:00:00+01:00',
        sentAt: '2025-03-01T12:00:05Z',
        receivedAt: '2025-03-01T12:00:06Z',
      }),
    ).toBe('2025-03-01T12:00:01.000Z');
  });
});

describe('times beyond the four-digit years', () => {
  it('holds an instant past the four-digit years to their edge instead of throwing (a PostHog offset of 1e21 ms was a 500)', () => {
    expect(subtractMilliseconds('2026-03-01T12:00:00.000Z', 1e21)).toBe('0000-01-01T00:00:00.000Z');
    expect(subtractMilliseconds('2026-03-01T12:00:00.000Z', -1e21)).toBe('9999-12-31T23:59:59.999Z');
  });

  it('holds a skew correction as large to the edge too, where validation still reads it as a timestamp', () => {
    const corrected = correctClockSkew({ timestamp: '0000-01-01T00:00:00Z', sentAt: '9999-12-31T23:59:59Z', receivedAt: '2026-03-01T12:00:00Z' });

    expect(corrected).toBe('0000-01-01T00:00:00.000Z');
    expect(isIsoTimestampWithOffset(corrected)).toBe(true);
  });
});
