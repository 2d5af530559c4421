import { localTime } from './local-time';

describe('localTime', () => {
  it('shows a local midnight as the date alone (a Berlin day starts at 23:00 UTC in winter)', () => {
    expect(localTime('2026-11-08T23:00:00.000Z', 'Europe/Berlin')).toBe('2026-11-09');
  });

  it('shows other instants with the local hour', () => {
    expect(localTime('2026-07-01T12:30:00.000Z', 'Europe/Berlin')).toBe('2026-07-01 14:30');
    expect(localTime('2026-07-01T12:30:00.000Z', 'UTC')).toBe('2026-07-01 12:30');
  });
});
