import { identityLinkOf } from '../events/identity-links';
import { mapSegmentMessage } from './segment-compat';

const receivedAt = '2025-03-01T12:10:02.000Z';

const track = {
  type: 'track',
  messageId: 'msg-1',
  event: 'Newsletter Signup',
  userId: 'user-1',
  anonymousId: 'anon-1',
  timestamp: '2025-03-01T12:00:00.000Z',
  properties: { list: 'weekly' },
};

function mapped(message: Record<string, unknown>, sentAt?: string) {
  const result = mapSegmentMessage(message, { receivedAt, sentAt });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

function errorsOf(message: unknown) {
  const result = mapSegmentMessage(message, { receivedAt });
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.errors;
}

describe('mapSegmentMessage', () => {
  it('maps a track call to a custom event with a snake_case type', () => {
    expect(mapped(track)).toEqual({
      ok: true,
      event: {
        eventId: 'msg-1',
        type: 'newsletter_signup',
        category: 'custom',
        timestamp: '2025-03-01T12:00:00.000Z',
        userId: 'user-1',
        anonymousId: 'anon-1',
        properties: { list: 'weekly' },
      },
    });
  });

  it('corrects a Segment timestamp by the sentAt clock skew', () => {
    // Sent 5 s after the event by the client's clock, received at 12:10:02 by ours.
    const result = mapped({ ...track, sentAt: '2025-03-01T12:00:05.000Z' });
    expect(result.event.timestamp).toBe('2025-03-01T12:09:57.000Z');
    expect(result.sentAt).toBe('2025-03-01T12:00:05.000Z');
  });

  it('uses the batch sentAt when the message carries none', () => {
    expect(mapped(track, '2025-03-01T12:00:02.000Z').event.timestamp).toBe(
      '2025-03-01T12:10:00.000Z',
    );
  });

  it('keeps the timestamp as sent when there is no sentAt', () => {
    expect(mapped(track).event.timestamp).toBe('2025-03-01T12:00:00.000Z');
  });

  it('falls back to receivedAt when the message has no timestamp', () => {
    const { timestamp: _timestamp, ...untimed } = track;
    expect(mapped(untimed).event.timestamp).toBe(receivedAt);
  });

  it('treats a null userId (analytics.js before identify) as absent', () => {
    const event = mapped({ ...track, userId: null }).event;
    expect(event.userId).toBeUndefined();
    expect(event.anonymousId).toBe('anon-1');
  });

  it('maps the e-commerce spec Order Completed to a purchase, products becoming items', () => {
    const orderCompleted = {
      ...track,
      event: 'Order Completed',
      properties: {
        order_id: 'ord-1',
        revenue: 25,
        currency: 'USD',
        products: [{ product_id: 'sku-1', price: 12.5, quantity: 2 }],
      },
    };
    expect(mapped(orderCompleted).event).toMatchObject({
      type: 'purchase',
      category: 'commerce',
      properties: {
        order_id: 'ord-1',
        revenue: 25,
        currency: 'USD',
        items: [{ product_id: 'sku-1', price: 12.5, quantity: 2 }],
      },
    });
  });

  it('rejects an Order Completed whose revenue is a string, naming properties.revenue', () => {
    const orderCompleted = {
      ...track,
      event: 'Order Completed',
      properties: { order_id: 'o', revenue: '25', currency: 'USD' },
    };
    expect(errorsOf(orderCompleted)).toEqual([
      {
        field: 'properties.revenue',
        rule: 'isNumber',
        message:
          'properties.revenue must be a number (numbers sent as strings are rejected)',
      },
    ]);
  });

  it('maps an identify to an identity event whose ids link anonymousId to userId', () => {
    const { event } = mapped({
      type: 'identify',
      userId: 'user-1',
      anonymousId: 'anon-1',
      traits: { plan: 'pro' },
      timestamp: track.timestamp,
    });
    expect(event).toMatchObject({
      type: 'identify',
      category: 'identity',
      properties: { traits: { plan: 'pro' } },
    });
    expect(identityLinkOf(event)).toEqual({
      previousId: 'anon-1',
      userId: 'user-1',
    });
  });

  it('maps an alias to an identity event carrying previous_id', () => {
    const { event } = mapped({
      type: 'alias',
      userId: 'user-1',
      previousId: 'old-9',
      timestamp: track.timestamp,
    });
    expect(event).toMatchObject({
      type: 'alias',
      category: 'identity',
      properties: { previous_id: 'old-9' },
    });
    expect(identityLinkOf(event)).toEqual({
      previousId: 'old-9',
      userId: 'user-1',
    });
  });

  it('maps a group call to a group event', () => {
    const { event } = mapped({
      type: 'group',
      userId: 'user-1',
      groupId: 'acme',
      traits: { seats: 40 },
      timestamp: track.timestamp,
    });
    expect(event).toMatchObject({
      type: 'group',
      category: 'identity',
      properties: { group_id: 'acme', traits: { seats: 40 } },
    });
  });

  it('maps page and screen calls to page_view and screen_view, keeping the name', () => {
    const page = mapped({
      type: 'page',
      anonymousId: 'anon-1',
      name: 'Pricing',
      properties: { path: '/pricing' },
    }).event;
    const screen = mapped({
      type: 'screen',
      anonymousId: 'anon-1',
      name: 'Cart',
    }).event;
    expect(page).toMatchObject({
      type: 'page_view',
      properties: { path: '/pricing', name: 'Pricing' },
    });
    expect(screen).toMatchObject({
      type: 'screen_view',
      properties: { name: 'Cart' },
    });
  });

  it('keeps the context fields Pulse defines and drops the rest', () => {
    const context = {
      ip: '203.0.113.7',
      locale: 'de-DE',
      userAgent: 'Mozilla/5.0',
      page: { url: 'https://shop.example/p', path: '/p', search: '?q=1' },
      campaign: { name: 'spring', source: 'newsletter' },
      library: { name: 'analytics.js', version: '4.1.0' },
      device: {
        type: 'ios',
        manufacturer: 'Apple',
        model: 'iPhone15,2',
        id: 'device-9',
      },
      referrer: { type: 'deeplink', url: 'https://example.com/campaign' },
      os: { name: 'iOS' },
    };
    expect(mapped({ ...track, context }).event.context).toEqual({
      ip: '203.0.113.7',
      locale: 'de-DE',
      userAgent: 'Mozilla/5.0',
      page: { url: 'https://shop.example/p', path: '/p' },
      campaign: { name: 'spring', source: 'newsletter' },
      library: { name: 'analytics.js', version: '4.1.0' },
      device: { type: 'ios', manufacturer: 'Apple', model: 'iPhone15,2' },
      referrer: 'https://example.com/campaign',
    });
  });

  it('keeps a track event named "constructor" a custom event (no Object prototype lookups)', () => {
    expect(mapped({ ...track, event: 'constructor' }).event).toMatchObject({
      type: 'constructor',
      category: 'custom',
    });
  });

  it('rejects a message type Segment does not define', () => {
    expect(errorsOf({ ...track, type: 'capture' })).toEqual([
      {
        field: 'type',
        rule: 'isIn',
        message:
          'type must be one of: track, identify, page, screen, group, alias',
      },
    ]);
  });

  it('rejects a track call without an event name', () => {
    const { event: _event, ...nameless } = track;
    expect(errorsOf(nameless)).toEqual([
      {
        field: 'event',
        rule: 'isDefined',
        message: 'event is required in a Segment track message',
      },
    ]);
  });

  it('rejects an event name that cannot become a snake_case type, saying what it made', () => {
    expect(errorsOf({ ...track, event: '2FA Enabled' })[0]).toMatchObject({
      field: 'event',
      rule: 'isEventTypeName',
      message:
        'event "2FA Enabled" must start with a letter and make a snake_case name of at most 64 characters (it made "2_fa_enabled")',
    });
  });

  it('rejects a sentAt that is not a timestamp', () => {
    expect(errorsOf({ ...track, sentAt: 'now' })[0]).toMatchObject({
      field: 'sentAt',
      rule: 'isTimestamp',
    });
  });

  it('names Segment fields in errors: a too-long messageId is reported as messageId', () => {
    expect(errorsOf({ ...track, messageId: 'm'.repeat(129) })).toEqual([
      {
        field: 'messageId',
        rule: 'isLength',
        message: 'messageId must be 1 to 128 characters long',
      },
    ]);
  });

  it('rejects a message with neither userId nor anonymousId', () => {
    expect(
      errorsOf({ ...track, userId: null, anonymousId: null })[0],
    ).toMatchObject({ field: 'userId', rule: 'atLeastOneOf' });
  });
});
