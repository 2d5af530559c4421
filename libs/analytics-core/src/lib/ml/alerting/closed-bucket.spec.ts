import { bucketClosedWithMinute } from './closed-bucket';

const at = (iso: string) => Date.parse(iso);

describe('bucketClosedWithMinute', () => {
  it('closes the minute bucket with every minute', () => {
    expect(bucketClosedWithMinute(at('2026-03-10T10:07:00Z'), 'minute', 'Europe/Berlin')).toEqual({
      start: at('2026-03-10T10:07:00Z'),
      end: at('2026-03-10T10:08:00Z'),
    });
  });

  it('closes an hour only with its last minute', () => {
    expect(bucketClosedWithMinute(at('2026-03-10T10:58:00Z'), 'hour', 'UTC')).toBeNull();
    expect(bucketClosedWithMinute(at('2026-03-10T10:59:00Z'), 'hour', 'UTC')).toEqual({
      start: at('2026-03-10T10:00:00Z'),
      end: at('2026-03-10T11:00:00Z'),
    });
  });

  it('ends local hours at :30 UTC in a +05:30 zone', () => {
    expect(bucketClosedWithMinute(at('2026-03-10T10:59:00Z'), 'hour', 'Asia/Kolkata')).toBeNull();
    expect(bucketClosedWithMinute(at('2026-03-10T10:29:00Z'), 'hour', 'Asia/Kolkata')).toEqual({
      start: at('2026-03-10T09:30:00Z'),
      end: at('2026-03-10T10:30:00Z'),
    });
  });

  it('ends a local day at local midnight, a 23-hour day on the spring DST change', () => {
    // Berlin, 2026-03-29: 00:00 local is 23:00Z the day before; clocks jump at 02:00, so the day ends at 22:00Z.
    expect(bucketClosedWithMinute(at('2026-03-29T21:59:00Z'), 'day', 'Europe/Berlin')).toEqual({
      start: at('2026-03-28T23:00:00Z'),
      end: at('2026-03-29T22:00:00Z'),
    });
    expect(bucketClosedWithMinute(at('2026-03-29T22:59:00Z'), 'day', 'Europe/Berlin')).toBeNull();
  });
});
