import { decideFiredNotification, decideRecoveredNotification } from './notification-decision';

const MINUTE = 60_000;

describe('decideFiredNotification', () => {
  it('notifies the first incident of a rule', () => {
    expect(decideFiredNotification({ incidentStartedAt: 10 * MINUTE, lastNotifiedIncidentStartedAt: null, cooldownMs: 30 * MINUTE })).toBe('notify');
  });

  it('suppresses an incident starting within the cooldown of the last notified one', () => {
    expect(decideFiredNotification({ incidentStartedAt: 39 * MINUTE, lastNotifiedIncidentStartedAt: 10 * MINUTE, cooldownMs: 30 * MINUTE })).toBe(
      'suppress',
    );
  });

  it('notifies an incident starting exactly one cooldown later', () => {
    expect(decideFiredNotification({ incidentStartedAt: 40 * MINUTE, lastNotifiedIncidentStartedAt: 10 * MINUTE, cooldownMs: 30 * MINUTE })).toBe(
      'notify',
    );
  });

  it('notifies every incident without a cooldown', () => {
    expect(decideFiredNotification({ incidentStartedAt: 11 * MINUTE, lastNotifiedIncidentStartedAt: 10 * MINUTE, cooldownMs: 0 })).toBe('notify');
  });
});

describe('decideRecoveredNotification', () => {
  it('tells of a recovery only when the incident was notified', () => {
    expect(decideRecoveredNotification('notified')).toBe('notify');
    expect(decideRecoveredNotification('suppressed')).toBe('suppress');
    expect(decideRecoveredNotification('absent')).toBe('skip');
  });
});
