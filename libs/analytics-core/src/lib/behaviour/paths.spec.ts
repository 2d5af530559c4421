import type { BehaviourEvent } from './behaviour-event';
import { computePathFlows, summarizeSessions } from './paths';

const T0 = Date.parse('2026-03-01T10:00:00Z');
let sequence = 0;
function event(personKey: string, type: string, minute: number, sessionId: string | null = null): BehaviourEvent {
  sequence += 1;
  return { eventId: `p${String(sequence).padStart(4, '0')}`, personKey, type, occurredAt: T0 + minute * 60_000, sessionId };
}

describe('path flows', () => {
  const events = [
    // a: home → search → product → home (first home is the anchor).
    event('a', 'home', 0),
    event('a', 'search', 1),
    event('a', 'product', 2),
    event('a', 'home', 3),
    // b: login → home → product.
    event('b', 'login', 0),
    event('b', 'home', 1),
    event('b', 'product', 2),
    // c: home only.
    event('c', 'home', 0),
    // d: never home.
    event('d', 'search', 0),
  ];

  it('counts the steps after each person’s first anchor event (hand-computed)', () => {
    expect(computePathFlows(events, { anchorEventType: 'home', direction: 'next', depth: 2 })).toEqual({
      nodes: [
        { step: 0, eventType: 'home', users: 3 },
        { step: 1, eventType: 'product', users: 1 },
        { step: 1, eventType: 'search', users: 1 },
        { step: 2, eventType: 'product', users: 1 },
      ],
      links: [
        { sourceStep: 0, sourceEventType: 'home', targetStep: 1, targetEventType: 'product', users: 1 },
        { sourceStep: 0, sourceEventType: 'home', targetStep: 1, targetEventType: 'search', users: 1 },
        { sourceStep: 1, sourceEventType: 'search', targetStep: 2, targetEventType: 'product', users: 1 },
      ],
    });
  });

  it('walks backwards for the previous steps', () => {
    const flows = computePathFlows(events, { anchorEventType: 'product', direction: 'previous', depth: 1 });
    expect(flows.links).toEqual([
      { sourceStep: 0, sourceEventType: 'product', targetStep: -1, targetEventType: 'home', users: 1 },
      { sourceStep: 0, sourceEventType: 'product', targetStep: -1, targetEventType: 'search', users: 1 },
    ]);
  });
});

describe('session summary', () => {
  it('counts sessions, their mean duration and the share with one event (hand-computed)', () => {
    const summary = summarizeSessions([
      // s1: 0 → 10 min (600 s, 3 events); s2: one event (bounce, 0 s); s3: 0 → 2 min (120 s).
      event('a', 'home', 0, 's1'),
      event('a', 'search', 5, 's1'),
      event('a', 'buy', 10, 's1'),
      event('a', 'home', 60, 's2'),
      event('b', 'home', 0, 's3'),
      event('b', 'home', 2, 's3'),
      // no session id: in no session.
      event('c', 'home', 0),
      // the same client session id under another person is another session: bounce, 0 s.
      event('d', 'home', 0, 's1'),
    ]);
    // 4 sessions; (600 + 0 + 120 + 0) / 4 = 180 s; bounces s2 and d's s1: 2 / 4.
    expect(summary).toEqual({ sessions: 4, averageDurationSeconds: 180, bounceRate: 0.5 });
  });

  it('answers nulls without sessions', () => {
    expect(summarizeSessions([])).toEqual({ sessions: 0, averageDurationSeconds: null, bounceRate: null });
  });
});
