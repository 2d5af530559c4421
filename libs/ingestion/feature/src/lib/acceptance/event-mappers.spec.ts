import { mapNativeEvent, mapPostHogEvent, segmentMapper } from './event-mappers';

const OPTIONS = { receivedAt: '2025-03-01T12:00:00.000Z' };

describe('mapNativeEvent', () => {
  it('validates the canonical event and fills in the category of a registered type', () => {
    const mapped = mapNativeEvent({ type: 'add_to_cart', timestamp: '2025-03-01T11:00:00Z', anonymousId: 'a-1', properties: { product_id: 'p', quantity: 1, price: 5 } }, OPTIONS);

    expect(mapped).toMatchObject({ ok: true, event: { type: 'add_to_cart', category: 'commerce', anonymousId: 'a-1' } });
  });

  it("corrects the timestamp with the event's own sentAt and drops sentAt from the event", () => {
    const mapped = mapNativeEvent(
      { type: 'search', timestamp: '2025-03-01T09:00:00.000Z', sentAt: '2025-03-01T09:00:05.000Z', userId: 'u', properties: { query: 'q' } },
      OPTIONS,
    );

    expect(mapped).toEqual({
      ok: true,
      sentAt: '2025-03-01T09:00:05.000Z',
      event: { type: 'search', category: 'commerce', timestamp: '2025-03-01T11:59:55.000Z', userId: 'u', properties: { query: 'q' } },
    });
  });

  it('rejects a malformed sentAt naming the field', () => {
    const mapped = mapNativeEvent({ type: 'search', timestamp: '2025-03-01T09:00:00Z', sentAt: 'yesterday', userId: 'u', properties: {} }, OPTIONS);

    expect(mapped).toEqual({ ok: false, errors: [{ field: 'sentAt', rule: 'isTimestamp', message: expect.stringContaining('sentAt') }] });
  });

  it('rejects what is not an object', () => {
    expect(mapNativeEvent([1, 2], OPTIONS)).toMatchObject({ ok: false, errors: [{ field: '', rule: 'isObject' }] });
  });
});

describe('segmentMapper', () => {
  it('takes the type from the route, whatever the body says', () => {
    const mapped = segmentMapper('track')({ type: 'identify', event: 'Signed Up', userId: 'u', timestamp: '2025-03-01T11:00:00Z' }, OPTIONS);

    expect(mapped).toMatchObject({ ok: true, event: { type: 'signed_up', userId: 'u' } });
  });

  it('uses messageId as the event id and maps page to page_view', () => {
    const mapped = segmentMapper('page')({ messageId: 'm-1', anonymousId: 'a', name: 'Home', properties: { url: 'https://x.example/' } }, OPTIONS);

    expect(mapped).toMatchObject({ ok: true, event: { eventId: 'm-1', type: 'page_view', timestamp: OPTIONS.receivedAt, properties: { name: 'Home' } } });
  });

  it("fills a message's context from the batch context without overriding its own", () => {
    const mapped = segmentMapper(undefined, { locale: 'de-DE', userAgent: 'batch-agent' })(
      { type: 'track', event: 'x', userId: 'u', context: { userAgent: 'own-agent' } },
      OPTIONS,
    );

    expect(mapped).toMatchObject({ ok: true, event: { context: { locale: 'de-DE', userAgent: 'own-agent' } } });
  });

  it("names Segment's fields in errors", () => {
    expect(segmentMapper('alias')({ userId: 'u' }, OPTIONS)).toMatchObject({ ok: false, errors: [{ field: 'previousId', rule: 'isDefined' }] });
  });
});

describe('mapPostHogEvent', () => {
  it('maps distinct_id, $session_id and the event name', () => {
    const mapped = mapPostHogEvent({ event: 'Product Viewed', distinct_id: 'user-1', properties: { $session_id: 's-1', product_id: 'p' } }, OPTIONS);

    expect(mapped).toMatchObject({ ok: true, event: { type: 'product_viewed', userId: 'user-1', sessionId: 's-1', properties: { product_id: 'p' } } });
  });

  it('turns $identify with $anon_distinct_id into an identify linking both ids', () => {
    const mapped = mapPostHogEvent({ event: '$identify', distinct_id: 'user-1', properties: { $anon_distinct_id: 'anon-1' }, $set: { plan: 'pro' } }, OPTIONS);

    expect(mapped).toMatchObject({ ok: true, event: { type: 'identify', userId: 'user-1', anonymousId: 'anon-1', properties: { traits: { plan: 'pro' } } } });
  });
});
