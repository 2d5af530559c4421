import { decodeEnvelope, encodeEnvelope } from '@pulse/contracts';
import { generateDemoEvents, seededRandom, toDemoEnvelope } from './demo-events';

const now = new Date('2026-11-20T12:00:00Z');

describe('demo events', () => {
  it('is deterministic for a seed', () => {
    const first = generateDemoEvents({ now, days: 3, users: 20, seed: 7 });
    const second = generateDemoEvents({ now, days: 3, users: 20, seed: 7 });
    expect(second).toEqual(first);
  });

  it('draws numbers in [0, 1)', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('keeps every event inside the requested window and gives each a unique id', () => {
    const events = generateDemoEvents({ now, days: 7, users: 50 });
    const earliest = now.getTime() - 7 * 86_400_000;
    for (const event of events) {
      expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(earliest);
      expect(event.occurredAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
  });

  it('forms a funnel: no step has more users than the step before it', () => {
    const events = generateDemoEvents({ now, days: 7, users: 200 });
    const usersAt = (type: string) => new Set(events.filter((event) => event.type === type).map((event) => event.userId)).size;
    const funnel = ['page_view', 'product_view', 'add_to_cart', 'checkout_start', 'purchase'].map(usersAt);
    expect(funnel[0]).toBe(200);
    for (let step = 1; step < funnel.length; step++) expect(funnel[step]).toBeLessThanOrEqual(funnel[step - 1]);
    expect(funnel[4]).toBeGreaterThan(0);
  });

  it('ends every conversation exactly once', () => {
    const events = generateDemoEvents({ now, days: 7, users: 200 });
    const started = events.filter((event) => event.type === 'conversation_started').length;
    const ended = events.filter((event) => ['conversation_resolved', 'conversation_escalated', 'conversation_abandoned'].includes(event.type)).length;
    expect(started).toBeGreaterThan(0);
    expect(ended).toBe(started);
  });
});

describe('demo events as raw-topic envelopes', () => {
  it('passes the same validation as events sent over HTTP, for every event type', () => {
    const events = generateDemoEvents({ now, days: 7, users: 100 });
    const refused = events
      .map((event) => decodeEnvelope(encodeEnvelope(toDemoEnvelope(event, 'tenant-1', now))))
      .filter((result) => !result.ok);
    expect(refused).toEqual([]);
    expect(new Set(events.map((event) => event.type)).size).toBeGreaterThanOrEqual(10);
  });
});
