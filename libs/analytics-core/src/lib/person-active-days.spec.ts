import { activeDayRangeMasks, activeDayWords, dayIndexInYear, localDayOfYear } from './person-active-days';

const B = (value: number | string) => BigInt(value);
const words = (...entries: Array<[number, bigint]>) => {
  const result = [B(0), B(0), B(0), B(0), B(0), B(0)];
  for (const [index, word] of entries) result[index] = word;
  return result;
};
const bit = (n: number) => B(1) << B(n);

describe('dayIndexInYear', () => {
  it('counts from 0 on 1 January, with 29 February only in leap years', () => {
    expect(dayIndexInYear(2026, 1, 1)).toBe(0);
    expect(dayIndexInYear(2024, 2, 29)).toBe(59);
    expect(dayIndexInYear(2024, 3, 1)).toBe(60);
    expect(dayIndexInYear(2025, 3, 1)).toBe(59);
    expect(dayIndexInYear(2025, 12, 31)).toBe(364);
    // Day 366 of a leap year: the last bit a year uses.
    expect(dayIndexInYear(2024, 12, 31)).toBe(365);
  });
});

describe('localDayOfYear', () => {
  it('puts New Year in a zone ahead of UTC on the local calendar (Auckland, +13:00 in summer)', () => {
    expect(localDayOfYear(new Date('2025-12-31T10:59:59Z'), 'Pacific/Auckland')).toEqual({ year: 2025, dayIndex: 364 });
    expect(localDayOfYear(new Date('2025-12-31T11:00:00Z'), 'Pacific/Auckland')).toEqual({ year: 2026, dayIndex: 0 });
  });

  it('puts the last local day of a leap year at index 365 (Tokyo, +09:00)', () => {
    expect(localDayOfYear(new Date('2024-12-31T14:59:59Z'), 'Asia/Tokyo')).toEqual({ year: 2024, dayIndex: 365 });
    expect(localDayOfYear(new Date('2024-12-31T15:00:00Z'), 'Asia/Tokyo')).toEqual({ year: 2025, dayIndex: 0 });
  });

  it('ends the 23-hour spring-forward day at local midnight (Berlin, 2026-03-29 = index 87)', () => {
    expect(localDayOfYear(new Date('2026-03-28T22:59:59Z'), 'Europe/Berlin')).toEqual({ year: 2026, dayIndex: 86 });
    expect(localDayOfYear(new Date('2026-03-28T23:00:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, dayIndex: 87 });
    expect(localDayOfYear(new Date('2026-03-29T21:59:59Z'), 'Europe/Berlin')).toEqual({ year: 2026, dayIndex: 87 });
    expect(localDayOfYear(new Date('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, dayIndex: 88 });
  });
});

describe('activeDayWords', () => {
  it('sets bit index % 64 of word index / 64, bit 63 being the sign bit', () => {
    expect(activeDayWords([0, 1, 64, 365])).toEqual(words([0, B(3)], [1, B(1)], [5, bit(45)]));
    expect(activeDayWords([63])).toEqual(words([0, B('-9223372036854775808')]));
  });

  it('rejects indexes past the bitmap', () => {
    expect(() => activeDayWords([384])).toThrow(RangeError);
    expect(() => activeDayWords([-1])).toThrow(RangeError);
  });
});

describe('activeDayRangeMasks', () => {
  it('masks the one 23-hour spring-forward day (Berlin, index 87 = word 1 bit 23)', () => {
    expect(activeDayRangeMasks(new Date('2026-03-28T23:00:00Z'), new Date('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toEqual([
      { year: 2026, words: words([1, bit(23)]) },
    ]);
  });

  it('masks the one 25-hour fall-back day (Berlin, 2026-10-25 = index 297 = word 4 bit 41)', () => {
    expect(activeDayRangeMasks(new Date('2026-10-24T22:00:00Z'), new Date('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toEqual([
      { year: 2026, words: words([4, bit(41)]) },
    ]);
  });

  it('splits a range across New Year into one mask per local year (Berlin, 2025-12-29 … 2026-01-05)', () => {
    expect(activeDayRangeMasks(new Date('2025-12-28T23:00:00Z'), new Date('2026-01-04T23:00:00Z'), 'Europe/Berlin')).toEqual([
      // 29, 30, 31 December = 362, 363, 364 = word 5 bits 42–44.
      { year: 2025, words: words([5, bit(42) | bit(43) | bit(44)]) },
      // 1–4 January = bits 0–3.
      { year: 2026, words: words([0, B(15)]) },
    ]);
  });

  it('uses the local calendar of a zone ahead of UTC (Auckland: 2026-01-01 starts 2025-12-31T11:00Z)', () => {
    expect(activeDayRangeMasks(new Date('2025-12-30T11:00:00Z'), new Date('2026-01-01T11:00:00Z'), 'Pacific/Auckland')).toEqual([
      { year: 2025, words: words([5, bit(44)]) },
      { year: 2026, words: words([0, B(1)]) },
    ]);
  });

  it('covers day 366 of a leap year and leaves out a year with no day of the range', () => {
    expect(activeDayRangeMasks(new Date('2024-12-31T00:00:00Z'), new Date('2025-01-01T00:00:00Z'), 'UTC')).toEqual([
      { year: 2024, words: words([5, bit(45)]) },
    ]);
  });

  it('sets every bit of a whole leap year: five full words (-1 when signed) and 46 bits of the sixth', () => {
    const [mask] = activeDayRangeMasks(new Date('2024-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'), 'UTC') ?? [];
    expect(mask).toEqual({ year: 2024, words: [B(-1), B(-1), B(-1), B(-1), B(-1), bit(46) - B(1)] });
  });

  it('is empty for an empty range and undefined when an end is not a local midnight', () => {
    expect(activeDayRangeMasks(new Date('2026-03-28T23:00:00Z'), new Date('2026-03-28T23:00:00Z'), 'Europe/Berlin')).toEqual([]);
    expect(activeDayRangeMasks(new Date('2026-03-28T23:30:00Z'), new Date('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toBeUndefined();
    // Midnight UTC is 01:00 in Berlin.
    expect(activeDayRangeMasks(new Date('2026-03-28T23:00:00Z'), new Date('2026-03-30T00:00:00Z'), 'Europe/Berlin')).toBeUndefined();
  });
});
