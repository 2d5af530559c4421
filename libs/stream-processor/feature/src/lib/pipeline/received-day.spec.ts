import { receivedDayFinder } from './received-day';

describe('receivedDayFinder', () => {
  it('gives the tenant-local day, which differs from the UTC day near midnight', () => {
    const dayReceived = receivedDayFinder();
    // 2026-03-01T23:30Z is 2026-03-02 08:30 in Tokyo (UTC+9) and 2026-03-01 18:30 in New York (UTC-5).
    expect(dayReceived(new Date('2026-03-01T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-02');
    expect(dayReceived(new Date('2026-03-01T23:30:00Z'), 'America/New_York')).toBe('2026-03-01');
  });

  it('switches day exactly at local midnight, including half-hour zones', () => {
    const dayReceived = receivedDayFinder();
    // India is UTC+5:30: local midnight of 2026-03-02 is 2026-03-01T18:30Z.
    expect(dayReceived(new Date('2026-03-01T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2026-03-01');
    expect(dayReceived(new Date('2026-03-01T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-03-02');
    // Nepal is UTC+5:45: local midnight of 2026-03-02 is 2026-03-01T18:15Z.
    expect(dayReceived(new Date('2026-03-01T18:14:59Z'), 'Asia/Kathmandu')).toBe('2026-03-01');
    expect(dayReceived(new Date('2026-03-01T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-03-02');
  });
});
