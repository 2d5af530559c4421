import { allTypesRollupReads, tileWithAllTypesRollups, type RollupTile } from './all-types-rollup-tiling';
import { listQueryBuckets } from './bucket-calendar';

const BERLIN = 'Europe/Berlin';

/** `granularity start` per tile, starts in UTC: easy to check against a calendar by hand. */
function described(tiles: readonly RollupTile[] | undefined): string[] | undefined {
  return tiles?.map((tile) => `${tile.granularity} ${tile.start.toISOString()}`);
}

function tiles(from: string, to: string, timeZone = BERLIN): RollupTile[] | undefined {
  return tileWithAllTypesRollups(new Date(from), new Date(to), timeZone);
}

describe('tileWithAllTypesRollups', () => {
  it('takes whole weeks, days at the edges and hours for a partial last day, across the autumn change', () => {
    // Wed 14 Oct 00:00 CEST … Thu 5 Nov 13:00 CET. No whole month inside; weeks Mon 19 Oct (169 h: Sunday
    // 25 Oct has 25 hours) and Mon 26 Oct; days 14–18 Oct before, 2–4 Nov after; then 13 hours of 5 Nov.
    const result = tiles('2026-10-14T00:00:00+02:00', '2026-11-05T13:00:00+01:00');
    expect(described(result)).toEqual([
      'day 2026-10-13T22:00:00.000Z',
      'day 2026-10-14T22:00:00.000Z',
      'day 2026-10-15T22:00:00.000Z',
      'day 2026-10-16T22:00:00.000Z',
      'day 2026-10-17T22:00:00.000Z',
      'week 2026-10-18T22:00:00.000Z',
      'week 2026-10-25T23:00:00.000Z',
      'day 2026-11-01T23:00:00.000Z',
      'day 2026-11-02T23:00:00.000Z',
      'day 2026-11-03T23:00:00.000Z',
      // 5 Nov 00:00 CET is 4 Nov 23:00 UTC; then 00:00 … 11:00 UTC.
      'hour 2026-11-04T23:00:00.000Z',
      ...Array.from({ length: 12 }, (_, hour) => `hour 2026-11-05T${String(hour).padStart(2, '0')}:00:00.000Z`),
    ]);
    expect(result?.[5].end.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('prefers a whole month inside the range to its weeks, and tiles the edges with days', () => {
    // Wed 21 Oct … Thu 3 Dec: November is inside; 21–31 Oct (no whole week before 1 Nov) and 1–2 Dec are days.
    const result = tiles('2026-10-21T00:00:00+02:00', '2026-12-03T00:00:00+01:00');
    expect(result?.map((tile) => tile.granularity)).toEqual([...Array(11).fill('day'), 'month', 'day', 'day']);
    expect(described(result)?.[11]).toBe('month 2026-10-31T23:00:00.000Z');
    expect(result?.[11].end.toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });

  it('tiles a quarter with its three months, across the autumn change', () => {
    expect(described(tiles('2026-10-01T00:00:00+02:00', '2027-01-01T00:00:00+01:00'))).toEqual([
      'month 2026-09-30T22:00:00.000Z',
      'month 2026-10-31T23:00:00.000Z',
      'month 2026-11-30T23:00:00.000Z',
    ]);
  });

  it('tiles the 23-hour spring-forward day as one day, and its hours as 23 hours', () => {
    expect(described(tiles('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00'))).toEqual(['day 2026-03-28T23:00:00.000Z']);
    const hours = tiles('2026-03-29T00:00:00+01:00', '2026-03-29T12:00:00+02:00');
    // 00:00 and 01:00 CET, then 03:00 CEST … 11:00 CEST: 2 + 9 hours (02:00 does not exist).
    expect(hours?.map((tile) => tile.granularity)).toEqual(Array(11).fill('hour'));
    expect(described(hours)?.slice(1, 3)).toEqual(['hour 2026-03-29T00:00:00.000Z', 'hour 2026-03-29T01:00:00.000Z']);
  });

  it('follows local hours in a zone half an hour off UTC', () => {
    expect(described(tiles('2026-01-05T00:00:00+05:30', '2026-01-05T02:00:00+05:30', 'Asia/Kolkata'))).toEqual([
      'hour 2026-01-04T18:30:00.000Z',
      'hour 2026-01-04T19:30:00.000Z',
    ]);
  });

  it('gives nothing for an empty range and undefined for a range that is not made of whole local hours', () => {
    expect(tiles('2026-10-14T00:00:00+02:00', '2026-10-14T00:00:00+02:00')).toEqual([]);
    expect(tiles('2026-10-14T10:30:00+02:00', '2026-10-20T00:00:00+02:00')).toBeUndefined();
    expect(tiles('2026-10-14T00:00:00+02:00', '2026-10-20T00:15:00+02:00')).toBeUndefined();
    expect(tiles('2026-10-14T10:30:00+02:00', '2026-10-14T10:45:00+02:00')).toBeUndefined();
  });
});

describe('allTypesRollupReads', () => {
  function period(from: string, to: string, granularity: 'hour' | 'day' | 'week' | 'month' | 'quarter') {
    const listing = listQueryBuckets(new Date(from), new Date(to), granularity, BERLIN, 100);
    if (!listing.ok) throw new Error('too many buckets');
    return { from: listing.buckets[0].start, to: listing.buckets[listing.buckets.length - 1].end, buckets: listing.buckets };
  }

  it('reads one week row per week bucket, and the two weeks for the range total', () => {
    const reads = allTypesRollupReads(period('2026-10-19T00:00:00+02:00', '2026-11-02T00:00:00+01:00', 'week'), BERLIN);
    expect(reads?.buckets.map(described)).toEqual([['week 2026-10-18T22:00:00.000Z'], ['week 2026-10-25T23:00:00.000Z']]);
    expect(described(reads?.range)).toEqual(['week 2026-10-18T22:00:00.000Z', 'week 2026-10-25T23:00:00.000Z']);
  });

  it('reads three month rows per quarter bucket and, for two quarters, six months in total', () => {
    const reads = allTypesRollupReads(period('2026-07-01T00:00:00+02:00', '2027-01-01T00:00:00+01:00', 'quarter'), BERLIN);
    expect(reads?.buckets.map((bucket) => bucket.map((tile) => tile.granularity))).toEqual([Array(3).fill('month'), Array(3).fill('month')]);
    expect(described(reads?.buckets[0])?.[0]).toBe('month 2026-06-30T22:00:00.000Z');
    expect(reads?.range.map((tile) => tile.granularity)).toEqual(Array(6).fill('month'));
  });

  it('reads day rows for day buckets and a week where the range holds a whole one', () => {
    // Sat 17 Oct … Tue 27 Oct: days 17, 18, then the week of Mon 19 Oct, then days 26 and 27 for the total.
    const reads = allTypesRollupReads(period('2026-10-17T00:00:00+02:00', '2026-10-28T00:00:00+01:00', 'day'), BERLIN);
    expect(reads?.buckets).toHaveLength(11);
    expect(reads?.buckets.every((bucket) => bucket.length === 1 && bucket[0].granularity === 'day')).toBe(true);
    expect(reads?.range.map((tile) => tile.granularity)).toEqual(['day', 'day', 'week', 'day', 'day']);
  });

  it('gives the range as active-day masks when it is whole local days, and none when hours are involved', () => {
    // Sat 17 … Tue 27 Oct 2026 = day indexes 289 … 299 (word 4, bits 33 … 43), the 25-hour 25th included.
    const days = allTypesRollupReads(period('2026-10-17T00:00:00+02:00', '2026-10-28T00:00:00+01:00', 'day'), BERLIN);
    const bits = Array.from({ length: 11 }, (_, index) => BigInt(1) << BigInt(33 + index)).reduce((a, b) => a | b);
    expect(days?.rangeDays).toEqual([{ year: 2026, words: [0, 0, 0, 0, bits, 0].map((word) => BigInt(word)) }]);
    const hours = allTypesRollupReads(period('2026-10-24T05:00:00+02:00', '2026-10-26T17:00:00+01:00', 'hour'), BERLIN);
    expect(hours?.range.some((tile) => tile.granularity === 'hour')).toBe(true);
    expect(hours?.rangeDays).toBeUndefined();
  });
});
