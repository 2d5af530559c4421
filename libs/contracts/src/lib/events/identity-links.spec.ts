import { identityLinkOf } from './identity-links';
import { PulseEvent } from './pulse-event';

const base = {
  category: 'identity',
  timestamp: '2025-03-01T12:00:00Z',
  properties: {},
} as const;

describe('identityLinkOf', () => {
  it('links the anonymousId of an identify to its userId', () => {
    const identify: PulseEvent = {
      ...base,
      type: 'identify',
      userId: 'user-1',
      anonymousId: 'anon-1',
    };
    expect(identityLinkOf(identify)).toEqual({
      previousId: 'anon-1',
      userId: 'user-1',
    });
  });

  it('links the previous_id of an alias to its userId', () => {
    const alias: PulseEvent = {
      ...base,
      type: 'alias',
      userId: 'user-1',
      properties: { previous_id: 'old-user-9' },
    };
    expect(identityLinkOf(alias)).toEqual({
      previousId: 'old-user-9',
      userId: 'user-1',
    });
  });

  it('finds no link in an identify without an anonymousId', () => {
    expect(
      identityLinkOf({ ...base, type: 'identify', userId: 'user-1' }),
    ).toBeUndefined();
  });

  it('finds no link in an ordinary event that carries both ids', () => {
    const pageView: PulseEvent = {
      ...base,
      category: 'commerce',
      type: 'page_view',
      userId: 'user-1',
      anonymousId: 'anon-1',
    };
    expect(identityLinkOf(pageView)).toBeUndefined();
  });
});
