import { assembleUserProfile, mostFrequent, type UserProfileRows } from './user-profile';

const EMPTY: UserProfileRows = {
  firstSeen: null,
  lastSeen: null,
  events: 0,
  sessions: 0,
  eventTypes: [],
  channels: [],
  deviceTypes: [],
  identifies: [],
  engagement: { activeDays: 0, sessions: 0, events: 0 },
};

describe('user profile', () => {
  it('assembles traits, ranked event types, preferred channel and device and the engagement score', () => {
    const profile = assembleUserProfile({
      ...EMPTY,
      firstSeen: Date.parse('2026-03-01T09:00:00Z'),
      lastSeen: new Date('2026-03-20T18:00:00Z'),
      events: 12,
      sessions: 4,
      eventTypes: [
        { value: 'page_view', count: 6 },
        { value: 'buy', count: 3 },
        { value: 'add_to_cart', count: 3 },
      ],
      channels: [
        { value: 'google.com', count: 2 },
        { value: 'newsletter', count: 5 },
      ],
      deviceTypes: [{ value: 'mobile', count: 9 }],
      identifies: [{ eventId: 'i1', occurredAt: 1, traits: { plan: 'pro' } }],
      // 40 × 2/20 + 30 × 3/30 + 30 × 12/300 = 4 + 3 + 1.2 = 8.2
      engagement: { activeDays: 2, sessions: 3, events: 12 },
    });
    expect(profile).toEqual({
      traits: { plan: 'pro' },
      firstSeen: '2026-03-01T09:00:00.000Z',
      lastSeen: '2026-03-20T18:00:00.000Z',
      eventCount: 12,
      sessionCount: 4,
      // the 3–3 tie goes to add_to_cart (code-point order)
      eventTypes: [
        { eventType: 'page_view', count: 6 },
        { eventType: 'add_to_cart', count: 3 },
        { eventType: 'buy', count: 3 },
      ],
      preferredChannel: 'newsletter',
      preferredDevice: 'mobile',
      engagement: { activeDays: 2, sessions: 3, events: 12, score: expect.closeTo(8.2, 10) },
    });
  });

  it('keeps only the 20 most frequent event types', () => {
    const eventTypes = Array.from({ length: 25 }, (_, index) => ({ value: `type-${String(index).padStart(2, '0')}`, count: 100 - index }));
    const profile = assembleUserProfile({ ...EMPTY, eventTypes });
    expect(profile.eventTypes).toHaveLength(20);
    expect(profile.eventTypes[19]).toEqual({ eventType: 'type-19', count: 81 });
  });

  it('answers null preferences and no first/last seen for a person without events', () => {
    const profile = assembleUserProfile(EMPTY);
    expect([profile.firstSeen, profile.preferredChannel, profile.preferredDevice, profile.engagement.score]).toEqual([null, null, null, 0]);
  });

  it('breaks a tie for the most frequent value by code-point order', () => {
    expect(mostFrequent([{ value: 'tablet', count: 2 }, { value: 'desktop', count: 2 }, { value: 'Zed', count: 2 }])).toBe('Zed');
  });
});
