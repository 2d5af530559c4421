import { BusinessHours, isWithinBusinessHours, timeContext } from './time-context';

const at = (iso: string) => new Date(iso);

describe('timeContext', () => {
  describe('across the Berlin DST changes', () => {
    it('reads the last minute before spring-forward as 01:59 CET on Sunday', () => {
      expect(timeContext(at('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toEqual({
        localDate: '2026-03-29',
        hourOfDay: 1,
        dayOfWeek: 7,
        isBusinessHours: false,
        utcOffset: '+01:00',
      });
    });

    it('jumps from 01:59 straight to 03:00 CEST (there is no local hour 2 that day)', () => {
      const context = timeContext(at('2026-03-29T01:00:00Z'), 'Europe/Berlin');
      expect([context.hourOfDay, context.utcOffset]).toEqual([3, '+02:00']);
    });

    it('reads local hour 2 twice on 2026-10-25, once per offset', () => {
      const summer = timeContext(at('2026-10-25T00:30:00Z'), 'Europe/Berlin');
      const winter = timeContext(at('2026-10-25T01:30:00Z'), 'Europe/Berlin');
      expect([summer.hourOfDay, summer.utcOffset]).toEqual([2, '+02:00']);
      expect([winter.hourOfDay, winter.utcOffset]).toEqual([2, '+01:00']);
    });

    it('opens business hours at 07:00 UTC in summer time and 08:00 UTC in winter time', () => {
      // Monday 2026-10-19 is CEST (+2), Monday 2026-10-26 is CET (+1).
      expect(timeContext(at('2026-10-19T07:00:00Z'), 'Europe/Berlin').isBusinessHours).toBe(true);
      expect(timeContext(at('2026-10-26T07:00:00Z'), 'Europe/Berlin').hourOfDay).toBe(8);
      expect(timeContext(at('2026-10-26T07:00:00Z'), 'Europe/Berlin').isBusinessHours).toBe(false);
      expect(timeContext(at('2026-10-26T08:00:00Z'), 'Europe/Berlin').isBusinessHours).toBe(true);
    });
  });

  describe('across the New York DST changes', () => {
    it('goes from 01:59 EST to 03:00 EDT on 2026-03-08', () => {
      expect(timeContext(at('2026-03-08T06:59:00Z'), 'America/New_York')).toMatchObject({ hourOfDay: 1, utcOffset: '-05:00' });
      expect(timeContext(at('2026-03-08T07:00:00Z'), 'America/New_York')).toMatchObject({ hourOfDay: 3, utcOffset: '-04:00' });
    });

    it('reads 01:30 twice on 2026-11-01, first EDT then EST', () => {
      expect(timeContext(at('2026-11-01T05:30:00Z'), 'America/New_York')).toMatchObject({ hourOfDay: 1, utcOffset: '-04:00' });
      expect(timeContext(at('2026-11-01T06:30:00Z'), 'America/New_York')).toMatchObject({ hourOfDay: 1, utcOffset: '-05:00' });
    });
  });

  it('opens business hours at 03:30 UTC in Kolkata (+05:30)', () => {
    expect(timeContext(at('2026-03-30T03:29:00Z'), 'Asia/Kolkata')).toMatchObject({ hourOfDay: 8, isBusinessHours: false });
    expect(timeContext(at('2026-03-30T03:30:00Z'), 'Asia/Kolkata')).toMatchObject({ hourOfDay: 9, isBusinessHours: true });
  });

  it('opens business hours at 03:15 UTC in Kathmandu (+05:45)', () => {
    expect(timeContext(at('2026-03-30T03:14:00Z'), 'Asia/Kathmandu')).toMatchObject({ hourOfDay: 8, isBusinessHours: false });
    expect(timeContext(at('2026-03-30T03:15:00Z'), 'Asia/Kathmandu')).toEqual({
      localDate: '2026-03-30',
      hourOfDay: 9,
      dayOfWeek: 1,
      isBusinessHours: true,
      utcOffset: '+05:45',
    });
  });

  it('closes business hours after 17:59 local', () => {
    expect(timeContext(at('2026-03-30T15:59:00Z'), 'Europe/Berlin')).toMatchObject({ hourOfDay: 17, isBusinessHours: true });
    expect(timeContext(at('2026-03-30T16:00:00Z'), 'Europe/Berlin')).toMatchObject({ hourOfDay: 18, isBusinessHours: false });
  });

  it('puts the same instant on different dates either side of the date line', () => {
    const instant = at('2026-03-29T10:00:00Z');
    expect(timeContext(instant, 'Pacific/Kiritimati')).toMatchObject({ localDate: '2026-03-30', hourOfDay: 0, dayOfWeek: 1, utcOffset: '+14:00' });
    expect(timeContext(instant, 'Pacific/Honolulu')).toMatchObject({ localDate: '2026-03-29', hourOfDay: 0, dayOfWeek: 7, utcOffset: '-10:00' });
  });

  it('rolls Kiritimati to the next date at 10:00 UTC', () => {
    expect(timeContext(at('2026-03-29T09:59:00Z'), 'Pacific/Kiritimati')).toMatchObject({ localDate: '2026-03-29', hourOfDay: 23, dayOfWeek: 7 });
  });

  it('accepts epoch milliseconds as well as Dates', () => {
    expect(timeContext(Date.parse('2026-03-30T03:15:00Z'), 'Asia/Kathmandu').hourOfDay).toBe(9);
  });

  it('rejects an unknown time zone', () => {
    expect(() => timeContext(at('2026-03-30T00:00:00Z'), 'Europe/Atlantis')).toThrow(RangeError);
  });

  describe('configurable business hours', () => {
    const sundayToThursday: BusinessHours = { startHour: 8, endHour: 17, workingDays: [7, 1, 2, 3, 4] };

    it('follows a Sunday–Thursday week from 08:00 to 16:59 (Dubai, +04:00)', () => {
      // 2026-03-29 is a Sunday, 2026-04-03 a Friday.
      expect(timeContext(at('2026-03-29T04:00:00Z'), 'Asia/Dubai', sundayToThursday).isBusinessHours).toBe(true);
      expect(timeContext(at('2026-03-29T13:00:00Z'), 'Asia/Dubai', sundayToThursday).isBusinessHours).toBe(false);
      expect(timeContext(at('2026-04-03T06:00:00Z'), 'Asia/Dubai', sundayToThursday).isBusinessHours).toBe(false);
    });

    it('wraps a night shift past midnight when the start is after the end', () => {
      const nights: BusinessHours = { startHour: 22, endHour: 6, workingDays: [1, 2, 3, 4, 5] };
      expect(isWithinBusinessHours(1, 23, nights)).toBe(true);
      expect(isWithinBusinessHours(2, 5, nights)).toBe(true);
      expect(isWithinBusinessHours(2, 6, nights)).toBe(false);
      expect(isWithinBusinessHours(2, 21, nights)).toBe(false);
      expect(isWithinBusinessHours(6, 23, nights)).toBe(false);
    });

    it('treats an end hour of 24 as the end of the day', () => {
      expect(isWithinBusinessHours(1, 23, { startHour: 0, endHour: 24, workingDays: [1] })).toBe(true);
    });

    it('rejects empty or malformed hours and days', () => {
      expect(() => isWithinBusinessHours(1, 9, { startHour: 9, endHour: 9, workingDays: [1] })).toThrow(RangeError);
      expect(() => isWithinBusinessHours(1, 9, { startHour: 9.5, endHour: 17, workingDays: [1] })).toThrow(RangeError);
      expect(() => isWithinBusinessHours(1, 9, { startHour: 9, endHour: 17, workingDays: [0] })).toThrow(RangeError);
    });
  });
});
