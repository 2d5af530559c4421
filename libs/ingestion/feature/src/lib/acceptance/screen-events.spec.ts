import { mapNativeEvent, segmentMapper } from './event-mappers';
import { screenEvents, timestampWindowIssue, type ScreeningContext } from './screen-events';

const RECEIVED_AT = '2025-03-01T12:00:00.000Z';
const HOUR = 3_600_000;

function context(overrides: Partial<ScreeningContext> = {}): ScreeningContext {
  let next = 0;
  return {
    tenantId: 'tenant-1',
    source: 'http',
    receivedAt: RECEIVED_AT,
    limits: { maxEventBytes: 1024, maxFutureSkewMs: 24 * HOUR, maxEventAgeMs: 365 * 24 * HOUR },
    newEventId: () => `generated-${++next}`,
    ...overrides,
  };
}

function search(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'search', timestamp: '2025-03-01T11:59:00.000Z', userId: 'u-1', properties: { query: 'shoes' }, ...extra };
}

describe('screenEvents', () => {
  it('wraps a valid event in an envelope stamped with the tenant, source and receivedAt', () => {
    const screened = screenEvents([search({ eventId: 'e-1' })], mapNativeEvent, context());

    expect(screened).toEqual({
      accepted: [
        {
          schemaVersion: 1,
          tenantId: 'tenant-1',
          receivedAt: RECEIVED_AT,
          source: 'http',
          event: { eventId: 'e-1', type: 'search', category: 'commerce', timestamp: '2025-03-01T11:59:00.000Z', userId: 'u-1', properties: { query: 'shoes' } },
        },
      ],
      rejected: [],
    });
  });

  it('assigns ids only to events that came without one', () => {
    const screened = screenEvents([search(), search({ eventId: 'mine' }), search()], mapNativeEvent, context());

    expect(screened.accepted.map((envelope) => envelope.event.eventId)).toEqual(['generated-1', 'mine', 'generated-2']);
  });

  it('keeps the valid neighbours of invalid events, in order, and reports each bad index', () => {
    const screened = screenEvents(
      [search({ eventId: 'a' }), search({ eventId: 'b', userId: 42 }), 'not an event', search({ eventId: 'c' })],
      mapNativeEvent,
      context(),
    );

    expect(screened.accepted.map((envelope) => envelope.event.eventId)).toEqual(['a', 'c']);
    expect(screened.rejected.map((rejected) => [rejected.index, rejected.reason, rejected.errors[0]?.field])).toEqual([
      [1, 'invalid', 'userId'],
      [2, 'invalid', ''],
    ]);
  });

  it('rejects an event whose JSON is larger than the event limit', () => {
    const big = search({ properties: { query: 'x'.repeat(1024) } });
    const screened = screenEvents([big], mapNativeEvent, context());

    expect(screened.rejected).toEqual([
      {
        index: 0,
        reason: 'too_large',
        errors: [{ field: '', rule: 'maxEventBytes', message: expect.stringMatching(/^the event is \d+ bytes of JSON; at most 1024 are accepted$/) }],
        eventId: 'generated-1',
        eventType: 'search',
        payload: big,
      },
    ]);
  });

  it("keeps what a Segment route adds to a rejected message (its type, the batch's context) in the quarantined payload", () => {
    const message = { messageId: 'm-1', event: 'Order Completed', timestamp: '2025-03-01T11:00:00Z', properties: { revenue: 'ten' } };

    const screened = screenEvents([message], segmentMapper('track', { library: { name: 'analytics-node' } }), context());

    expect(screened.rejected[0]).toMatchObject({
      eventId: 'm-1',
      eventType: 'Order Completed',
      payload: { ...message, type: 'track', context: { library: { name: 'analytics-node' } } },
    });
  });

  it('applies the batch send time to correct the client clock and keeps it on the envelope', () => {
    // Client clock 1 h fast: sent "13:00", event "12:59"; received 12:00 → happened 11:59.
    const screened = screenEvents(
      [search({ eventId: 'skewed', timestamp: '2025-03-01T12:59:00.000Z' })],
      mapNativeEvent,
      context({ sentAt: '2025-03-01T13:00:00.000Z' }),
    );

    expect(screened.accepted[0]).toMatchObject({ sentAt: '2025-03-01T13:00:00.000Z', event: { timestamp: '2025-03-01T11:59:00.000Z' } });
  });

  it('rejects events outside the accepted time window after skew correction', () => {
    const screened = screenEvents(
      [search({ timestamp: '2025-03-02T12:00:00.001Z' }), search({ timestamp: '2024-03-01T11:59:59.999Z' }), search({ timestamp: '2025-03-02T12:00:00.000Z' })],
      mapNativeEvent,
      context(),
    );

    expect(screened.rejected.map((rejected) => [rejected.index, rejected.reason, rejected.errors[0]?.rule])).toEqual([
      [0, 'timestamp_out_of_window', 'maxFutureSkew'],
      [1, 'timestamp_out_of_window', 'maxEventAge'],
    ]);
    expect(screened.accepted).toHaveLength(1);
  });
});

describe('timestampWindowIssue', () => {
  const limits = { maxFutureSkewMs: 24 * HOUR, maxEventAgeMs: 365 * 24 * HOUR };

  it('accepts the window edges: exactly 24 h ahead and exactly 365 days back', () => {
    expect(timestampWindowIssue('2025-03-02T12:00:00.000Z', { receivedAt: RECEIVED_AT, limits: { ...limits, maxEventBytes: 1 } })).toBeUndefined();
    expect(timestampWindowIssue('2024-03-01T12:00:00.000Z', { receivedAt: RECEIVED_AT, limits: { ...limits, maxEventBytes: 1 } })).toBeUndefined();
  });

  it('says how far off the timestamp is and what to check', () => {
    const issue = timestampWindowIssue('2031-01-01T00:00:00Z', { receivedAt: RECEIVED_AT, limits: { ...limits, maxEventBytes: 1 } });

    expect(issue).toEqual({
      field: 'timestamp',
      rule: 'maxFutureSkew',
      message: "timestamp 2031-01-01T00:00:00Z is more than 24 hours after the server received it (2025-03-01T12:00:00.000Z): check the client's clock",
    });
  });
});
