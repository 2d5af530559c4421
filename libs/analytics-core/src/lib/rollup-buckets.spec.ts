import { bucketStart, RollupGranularity } from './rollup-buckets';

const bucket = (iso: string, granularity: RollupGranularity, timeZone: string) => {
  const result = bucketStart(new Date(iso), granularity, timeZone);
  return { start: result.start.toISOString(), end: result.end.toISOString(), label: result.label };
};
const HOUR = 3_600_000;
const lengthInHours = (iso: string, timeZone: string) => {
  const result = bucketStart(new Date(iso), 'day', timeZone);
  return (result.end.getTime() - result.start.getTime()) / HOUR;
};

describe('bucketStart', () => {
  describe('minute', () => {
    it('truncates seconds and milliseconds and labels the local minute with its offset', () => {
      expect(bucket('2026-03-29T00:00:42.123Z', 'minute', 'Asia/Kathmandu')).toEqual({
        start: '2026-03-29T00:00:00.000Z',
        end: '2026-03-29T00:01:00.000Z',
        label: '2026-03-29T05:45+05:45',
      });
    });
  });

  describe('hour', () => {
    it('starts a Kathmandu (+05:45) hour at a quarter past a UTC hour', () => {
      expect(bucket('2026-03-29T00:00:00Z', 'hour', 'Asia/Kathmandu')).toEqual({
        start: '2026-03-28T23:15:00.000Z',
        end: '2026-03-29T00:15:00.000Z',
        label: '2026-03-29T05:00+05:45',
      });
    });

    it('starts a Kolkata (+05:30) hour at half past a UTC hour', () => {
      expect(bucket('2026-03-29T00:00:00Z', 'hour', 'Asia/Kolkata')).toEqual({
        start: '2026-03-28T23:30:00.000Z',
        end: '2026-03-29T00:30:00.000Z',
        label: '2026-03-29T05:00+05:30',
      });
    });

    it('makes 03:00 CEST the hour after 01:00 CET on the Berlin spring-forward day', () => {
      expect(bucket('2026-03-29T00:59:59.999Z', 'hour', 'Europe/Berlin')).toEqual({
        start: '2026-03-29T00:00:00.000Z',
        end: '2026-03-29T01:00:00.000Z',
        label: '2026-03-29T01:00+01:00',
      });
      expect(bucket('2026-03-29T01:00:00Z', 'hour', 'Europe/Berlin')).toEqual({
        start: '2026-03-29T01:00:00.000Z',
        end: '2026-03-29T02:00:00.000Z',
        label: '2026-03-29T03:00+02:00',
      });
    });

    it('keeps the two 02:00 hours of the Berlin fall-back day apart', () => {
      expect(bucket('2026-10-25T00:30:00Z', 'hour', 'Europe/Berlin')).toEqual({
        start: '2026-10-25T00:00:00.000Z',
        end: '2026-10-25T01:00:00.000Z',
        label: '2026-10-25T02:00+02:00',
      });
      expect(bucket('2026-10-25T01:30:00Z', 'hour', 'Europe/Berlin')).toEqual({
        start: '2026-10-25T01:00:00.000Z',
        end: '2026-10-25T02:00:00.000Z',
        label: '2026-10-25T02:00+01:00',
      });
    });

    it('keeps the two 01:00 hours of the New York fall-back day apart', () => {
      expect(bucket('2026-11-01T05:30:00Z', 'hour', 'America/New_York').start).toBe('2026-11-01T05:00:00.000Z');
      expect(bucket('2026-11-01T06:30:00Z', 'hour', 'America/New_York').start).toBe('2026-11-01T06:00:00.000Z');
    });

    it('cuts an hour at a 30-minute DST shift that is not on an hour boundary (Lord Howe)', () => {
      // 2026-04-05 02:00 (+11:00) becomes 01:30 (+10:30) at 15:00 UTC on 2026-04-04.
      expect(bucket('2026-04-04T14:50:00Z', 'hour', 'Australia/Lord_Howe')).toEqual({
        start: '2026-04-04T14:00:00.000Z',
        end: '2026-04-04T15:00:00.000Z',
        label: '2026-04-05T01:00+11:00',
      });
      expect(bucket('2026-04-04T15:10:00Z', 'hour', 'Australia/Lord_Howe')).toEqual({
        start: '2026-04-04T15:00:00.000Z',
        end: '2026-04-04T15:30:00.000Z',
        label: '2026-04-05T01:00+10:30',
      });
      // 2026-10-04 02:00 (+10:30) becomes 02:30 (+11:00) at 15:30 UTC on 2026-10-03.
      expect(bucket('2026-10-03T15:40:00Z', 'hour', 'Australia/Lord_Howe')).toEqual({
        start: '2026-10-03T15:30:00.000Z',
        end: '2026-10-03T16:00:00.000Z',
        label: '2026-10-04T02:00+11:00',
      });
    });
  });

  describe('day', () => {
    it('spans 23 hours on the Berlin spring-forward day', () => {
      expect(bucket('2026-03-29T12:00:00Z', 'day', 'Europe/Berlin')).toEqual({
        start: '2026-03-28T23:00:00.000Z',
        end: '2026-03-29T22:00:00.000Z',
        label: '2026-03-29',
      });
    });

    it('spans 25 hours on the Berlin fall-back day', () => {
      expect(bucket('2026-10-25T12:00:00Z', 'day', 'Europe/Berlin')).toEqual({
        start: '2026-10-24T22:00:00.000Z',
        end: '2026-10-25T23:00:00.000Z',
        label: '2026-10-25',
      });
    });

    it('spans 23 and 25 hours on the New York change days', () => {
      expect(bucket('2026-03-08T12:00:00Z', 'day', 'America/New_York')).toEqual({
        start: '2026-03-08T05:00:00.000Z',
        end: '2026-03-09T04:00:00.000Z',
        label: '2026-03-08',
      });
      expect(lengthInHours('2026-11-01T12:00:00Z', 'America/New_York')).toBe(25);
    });

    it('puts an instant before local midnight on the previous local day (New York, 03:59 UTC)', () => {
      expect(bucket('2026-07-05T03:59:00Z', 'day', 'America/New_York').label).toBe('2026-07-04');
    });

    it('starts a Kathmandu day at 18:15 UTC the day before', () => {
      expect(bucket('2026-03-29T00:00:00Z', 'day', 'Asia/Kathmandu')).toEqual({
        start: '2026-03-28T18:15:00.000Z',
        end: '2026-03-29T18:15:00.000Z',
        label: '2026-03-29',
      });
    });

    it('starts a Kiritimati (+14:00) day at 10:00 UTC the day before', () => {
      expect(bucket('2026-03-29T10:00:00Z', 'day', 'Pacific/Kiritimati')).toEqual({
        start: '2026-03-29T10:00:00.000Z',
        end: '2026-03-30T10:00:00.000Z',
        label: '2026-03-30',
      });
    });

    it('starts the day at 01:00 when clocks skip midnight (Santiago, 2026-09-06)', () => {
      expect(bucket('2026-09-06T12:00:00Z', 'day', 'America/Santiago')).toEqual({
        start: '2026-09-06T04:00:00.000Z',
        end: '2026-09-07T03:00:00.000Z',
        label: '2026-09-06',
      });
    });

    it('includes the repeated 23:00 hour when clocks go back at midnight (Santiago, 2026-04-04)', () => {
      expect(bucket('2026-04-05T03:30:00Z', 'day', 'America/Santiago')).toEqual({
        start: '2026-04-04T03:00:00.000Z',
        end: '2026-04-05T04:00:00.000Z',
        label: '2026-04-04',
      });
    });

    it('spans 24.5 and 23.5 hours on the Lord Howe change days', () => {
      expect(lengthInHours('2026-04-05T00:00:00Z', 'Australia/Lord_Howe')).toBe(24.5);
      expect(lengthInHours('2026-10-04T00:00:00Z', 'Australia/Lord_Howe')).toBe(23.5);
    });

    it('starts the day after a skipped date at the skip (Apia jumped from 2011-12-29 to 2011-12-31)', () => {
      expect(bucket('2011-12-30T12:00:00Z', 'day', 'Pacific/Apia')).toEqual({
        start: '2011-12-30T10:00:00.000Z',
        end: '2011-12-31T10:00:00.000Z',
        label: '2011-12-31',
      });
    });
  });

  describe('week', () => {
    it('runs from Monday to Monday local midnight, 167 hours over the Berlin spring-forward Sunday', () => {
      expect(bucket('2026-03-29T12:00:00Z', 'week', 'Europe/Berlin')).toEqual({
        start: '2026-03-22T23:00:00.000Z',
        end: '2026-03-29T22:00:00.000Z',
        label: '2026-03-23',
      });
    });

    it('starts in the previous year when the Monday is in it', () => {
      expect(bucket('2026-01-01T09:00:00Z', 'week', 'UTC')).toEqual({
        start: '2025-12-29T00:00:00.000Z',
        end: '2026-01-05T00:00:00.000Z',
        label: '2025-12-29',
      });
    });

    it('puts Monday 00:30 local in the new week though it is still Sunday in UTC', () => {
      expect(bucket('2026-03-29T22:30:00Z', 'week', 'Europe/Berlin').label).toBe('2026-03-30');
    });
  });

  describe('month', () => {
    it('puts 00:30 local on the 1st in the new month (Berlin, 22:30 UTC the day before)', () => {
      expect(bucket('2026-03-31T22:30:00Z', 'month', 'Europe/Berlin')).toEqual({
        start: '2026-03-31T22:00:00.000Z',
        end: '2026-04-30T22:00:00.000Z',
        label: '2026-04',
      });
    });

    it('ends December at the next year\'s first midnight', () => {
      expect(bucket('2026-12-15T00:00:00Z', 'month', 'UTC')).toEqual({
        start: '2026-12-01T00:00:00.000Z',
        end: '2027-01-01T00:00:00.000Z',
        label: '2026-12',
      });
    });
  });

  it('rejects an unknown granularity', () => {
    expect(() => bucketStart(0, 'year' as RollupGranularity, 'UTC')).toThrow(RangeError);
  });
});
