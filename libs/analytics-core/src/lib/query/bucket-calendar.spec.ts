import { listQueryBuckets, queryBucketContaining, queryBucketsBefore } from './bucket-calendar';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;

function spanHours(bucket: { start: Date; end: Date }): number {
  return (bucket.end.getTime() - bucket.start.getTime()) / HOUR;
}

describe('queryBucketContaining', () => {
  it('gives the spring-forward day in Berlin 23 hours, from local midnight (+01:00) to local midnight (+02:00)', () => {
    const day = queryBucketContaining(Date.parse('2026-03-29T12:00:00Z'), 'day', BERLIN);
    expect(day).toEqual({ start: new Date('2026-03-28T23:00:00Z'), end: new Date('2026-03-29T22:00:00Z'), label: '2026-03-29' });
    expect(spanHours(day)).toBe(23);
  });

  it('gives the fall-back day in Berlin 25 hours', () => {
    const day = queryBucketContaining(Date.parse('2026-10-25T12:00:00Z'), 'day', BERLIN);
    expect(day).toEqual({ start: new Date('2026-10-24T22:00:00Z'), end: new Date('2026-10-25T23:00:00Z'), label: '2026-10-25' });
    expect(spanHours(day)).toBe(25);
  });

  it('starts weeks on Monday at local midnight: Sunday 2026-03-29 belongs to the week of Monday 2026-03-23', () => {
    // Monday 2026-03-23 00:00 CET = 2026-03-22T23:00Z; Monday 2026-03-30 00:00 CEST = 2026-03-29T22:00Z: 7 × 24 − 1 = 167 h.
    const week = queryBucketContaining(Date.parse('2026-03-29T21:59:00Z'), 'week', BERLIN);
    expect(week).toEqual({ start: new Date('2026-03-22T23:00:00Z'), end: new Date('2026-03-29T22:00:00Z'), label: '2026-03-23' });
    expect(spanHours(week)).toBe(167);
  });

  it('puts Monday 00:30 local time into the new week', () => {
    // 2026-03-30T00:30+02:00 = 2026-03-29T22:30Z, already Monday in Berlin but still Sunday in UTC.
    const week = queryBucketContaining(Date.parse('2026-03-29T22:30:00Z'), 'week', BERLIN);
    expect(week.label).toBe('2026-03-30');
    expect(week.start).toEqual(new Date('2026-03-29T22:00:00Z'));
  });

  it('finds the Monday across a year boundary', () => {
    // Thursday 2026-01-01 → Monday 2025-12-29, 00:00 CET = 2025-12-28T23:00Z.
    const week = queryBucketContaining(Date.parse('2026-01-01T10:00:00Z'), 'week', BERLIN);
    expect(week).toEqual({ start: new Date('2025-12-28T23:00:00Z'), end: new Date('2026-01-04T23:00:00Z'), label: '2025-12-29' });
  });

  it('cuts months and quarters at local midnight of their first day', () => {
    // March 1 00:00 CET = Feb 28 23:00Z; April 1 00:00 CEST = March 31 22:00Z.
    expect(queryBucketContaining(Date.parse('2026-03-15T00:00:00Z'), 'month', BERLIN)).toEqual({
      start: new Date('2026-02-28T23:00:00Z'),
      end: new Date('2026-03-31T22:00:00Z'),
      label: '2026-03',
    });
    expect(queryBucketContaining(Date.parse('2026-05-15T00:00:00Z'), 'quarter', BERLIN)).toEqual({
      start: new Date('2026-03-31T22:00:00Z'),
      end: new Date('2026-06-30T22:00:00Z'),
      label: '2026-Q2',
    });
  });

  it('puts the first minutes of a local month into it even when UTC is still in the previous month', () => {
    // 2026-03-31T22:30Z = April 1, 00:30 in Berlin.
    expect(queryBucketContaining(Date.parse('2026-03-31T22:30:00Z'), 'month', BERLIN).label).toBe('2026-04');
  });

  it('truncates hours on the local clock in a +05:45 zone', () => {
    // 2026-01-01T00:00Z is 05:45 in Kathmandu; its hour began at 05:00 local = 2025-12-31T23:15Z.
    expect(queryBucketContaining(Date.parse('2026-01-01T00:00:00Z'), 'hour', 'Asia/Kathmandu')).toEqual({
      start: new Date('2025-12-31T23:15:00Z'),
      end: new Date('2026-01-01T00:15:00Z'),
      label: '2026-01-01T05:00+05:45',
    });
  });
});

describe('listQueryBuckets', () => {
  it('lists the 23 local hours of the spring-forward day, skipping 02:00', () => {
    const listing = listQueryBuckets(new Date('2026-03-28T23:00:00Z'), new Date('2026-03-29T22:00:00Z'), 'hour', BERLIN, 5000);
    if (!listing.ok) throw new Error('expected buckets');
    const labels = listing.buckets.map((bucket) => bucket.label);
    expect(labels).toHaveLength(23);
    expect(labels.slice(0, 3)).toEqual(['2026-03-29T00:00+01:00', '2026-03-29T01:00+01:00', '2026-03-29T03:00+02:00']);
    expect(labels[22]).toBe('2026-03-29T23:00+02:00');
  });

  it('lists the 25 local hours of the fall-back day, 02:00 twice with its two offsets', () => {
    const listing = listQueryBuckets(new Date('2026-10-24T22:00:00Z'), new Date('2026-10-25T23:00:00Z'), 'hour', BERLIN, 5000);
    if (!listing.ok) throw new Error('expected buckets');
    const labels = listing.buckets.map((bucket) => bucket.label);
    expect(labels).toHaveLength(25);
    expect(labels.slice(2, 4)).toEqual(['2026-10-25T02:00+02:00', '2026-10-25T02:00+01:00']);
  });

  it('widens a range to the whole buckets it touches', () => {
    // 2026-03-28 10:00 local … 2026-03-30 01:00 local touches three local days: 28, 29 and 30.
    const listing = listQueryBuckets(new Date('2026-03-28T09:00:00Z'), new Date('2026-03-29T23:00:00Z'), 'day', BERLIN, 5000);
    if (!listing.ok) throw new Error('expected buckets');
    expect(listing.buckets.map((bucket) => bucket.label)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(listing.buckets[0].start).toEqual(new Date('2026-03-27T23:00:00Z'));
    expect(listing.buckets[2].end).toEqual(new Date('2026-03-30T22:00:00Z'));
  });

  it('refuses more buckets than the cap: four days of minutes are 5,760', () => {
    expect(listQueryBuckets(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-05T00:00:00Z'), 'minute', 'UTC', 5000)).toEqual({
      ok: false,
      maxBuckets: 5000,
    });
  });

  it('allows exactly the cap', () => {
    const listing = listQueryBuckets(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:05:00Z'), 'minute', 'UTC', 5);
    expect(listing.ok && listing.buckets.length).toBe(5);
  });
});

describe('queryBucketsBefore', () => {
  it('gives the previous month, however long, for a one-month period', () => {
    // February 2026 in Berlin: Feb 1 00:00 CET = Jan 31 23:00Z … March 1 00:00 CET = Feb 28 23:00Z.
    expect(queryBucketsBefore(new Date('2026-02-28T23:00:00Z'), 1, 'month', BERLIN)).toEqual([
      { start: new Date('2026-01-31T23:00:00Z'), end: new Date('2026-02-28T23:00:00Z'), label: '2026-02' },
    ]);
  });

  it('gives the same number of local days just before, oldest first', () => {
    const before = queryBucketsBefore(new Date('2026-03-28T23:00:00Z'), 2, 'day', BERLIN);
    expect(before.map((bucket) => bucket.label)).toEqual(['2026-03-27', '2026-03-28']);
  });
});
