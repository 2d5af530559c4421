import { identityLinkOf } from '../events/identity-links';
import { mapPostHogCapture, postHogApiKeyOf } from './posthog-compat';

const receivedAt = '2025-03-01T12:00:10.000Z';

const capture = {
  api_key: 'phc_key',
  event: 'Signed Up',
  distinct_id: 'user-1',
  uuid: '0195-uuid',
  timestamp: '2025-03-01T12:00:00.000Z',
  properties: { plan: 'pro' },
};

function mapped(payload: Record<string, unknown>) {
  const result = mapPostHogCapture(payload, { receivedAt });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

function errorsOf(payload: unknown) {
  const result = mapPostHogCapture(payload, { receivedAt });
  if (result.ok) throw new Error('expected the payload to be rejected');
  return result.errors;
}

describe('mapPostHogCapture', () => {
  it('maps a server-side capture to a custom event: uuid is the event id, distinct_id the user', () => {
    expect(mapped(capture)).toEqual({
      ok: true,
      event: {
        eventId: '0195-uuid',
        type: 'signed_up',
        category: 'custom',
        timestamp: '2025-03-01T12:00:00.000Z',
        userId: 'user-1',
        properties: { plan: 'pro' },
      },
    });
  });

  it('reads a distinct_id equal to $device_id as an anonymous id', () => {
    const event = mapped({
      ...capture,
      distinct_id: 'dev-1',
      properties: { $device_id: 'dev-1' },
    }).event;
    expect(event.userId).toBeUndefined();
    expect(event.anonymousId).toBe('dev-1');
  });

  it('reads a distinct_id flagged $is_identified: false as an anonymous id', () => {
    const event = mapped({
      ...capture,
      distinct_id: 'anon-7',
      properties: { $is_identified: false },
    }).event;
    expect([event.userId, event.anonymousId]).toEqual([undefined, 'anon-7']);
  });

  it('keeps the device id as anonymousId beside an identified user', () => {
    const event = mapped({
      ...capture,
      properties: { $device_id: 'dev-1', $is_identified: true },
    }).event;
    expect([event.userId, event.anonymousId]).toEqual(['user-1', 'dev-1']);
  });

  it('maps $identify to an identity event linking $anon_distinct_id to distinct_id, with $set as traits', () => {
    const identify = {
      ...capture,
      event: '$identify',
      properties: {
        $anon_distinct_id: 'dev-1',
        $set: { email: 'a@example.com' },
        $set_once: { first_seen: '2025-01-01' },
      },
    };
    const { event } = mapped(identify);
    expect(event).toMatchObject({
      type: 'identify',
      category: 'identity',
      userId: 'user-1',
      anonymousId: 'dev-1',
      properties: {
        traits: { email: 'a@example.com' },
        traits_set_once: { first_seen: '2025-01-01' },
      },
    });
    expect(identityLinkOf(event)).toEqual({
      previousId: 'dev-1',
      userId: 'user-1',
    });
  });

  it('reads a top-level $set on $identify as traits', () => {
    const { event } = mapped({
      ...capture,
      event: '$identify',
      properties: {},
      $set: { plan: 'team' },
    });
    expect(event.properties).toEqual({ traits: { plan: 'team' } });
  });

  it('rejects $set that is not an object, naming $set', () => {
    expect(errorsOf({ ...capture, event: '$identify', $set: 'team' })).toEqual([
      { field: '$set', rule: 'isObject', message: '$set must be an object' },
    ]);
  });

  it('maps $pageview to page_view, lifting browser properties into the context', () => {
    const pageview = {
      ...capture,
      event: '$pageview',
      properties: {
        $current_url: 'https://shop.example/pricing?x=1',
        $pathname: '/pricing',
        $referrer: 'https://google.com/',
        title: 'Pricing',
        $raw_user_agent: 'Mozilla/5.0',
        $browser_language: 'en-GB',
        $device_type: 'Desktop',
        $lib: 'web',
        $lib_version: '1.200.0',
        $session_id: 'sess-1',
        utm_source: 'newsletter',
        $browser: 'Firefox',
        token: 'phc_key',
      },
    };
    expect(mapped(pageview).event).toEqual({
      eventId: '0195-uuid',
      type: 'page_view',
      category: 'commerce',
      timestamp: '2025-03-01T12:00:00.000Z',
      userId: 'user-1',
      sessionId: 'sess-1',
      properties: {
        title: 'Pricing',
        $browser: 'Firefox',
        url: 'https://shop.example/pricing?x=1',
        path: '/pricing',
        referrer: 'https://google.com/',
      },
      context: {
        page: {
          url: 'https://shop.example/pricing?x=1',
          path: '/pricing',
          referrer: 'https://google.com/',
          title: 'Pricing',
        },
        userAgent: 'Mozilla/5.0',
        locale: 'en-GB',
        device: { type: 'Desktop' },
        campaign: { source: 'newsletter' },
        library: { name: 'web', version: '1.200.0' },
      },
    });
  });

  it('leaves a title property of other events in the properties, not the page context', () => {
    const event = mapped({ ...capture, properties: { title: 'Dune' } }).event;
    expect([event.properties['title'], event.context]).toEqual([
      'Dune',
      undefined,
    ]);
  });

  it('maps $create_alias to an alias whose previous_id is the alias', () => {
    const { event } = mapped({
      ...capture,
      event: '$create_alias',
      properties: { alias: 'old-9' },
    });
    expect(identityLinkOf(event)).toEqual({
      previousId: 'old-9',
      userId: 'user-1',
    });
  });

  it('maps $groupidentify to a group event', () => {
    const groupIdentify = {
      ...capture,
      event: '$groupidentify',
      properties: {
        $group_type: 'company',
        $group_key: 'acme',
        $group_set: { seats: 40 },
      },
    };
    expect(mapped(groupIdentify).event.properties).toEqual({
      group_id: 'acme',
      group_type: 'company',
      traits: { seats: 40 },
    });
  });

  it('corrects the timestamp by the sent_at clock skew', () => {
    // Sent 3 s after the event by the client's clock, received at 12:00:10 by ours.
    expect(
      mapped({ ...capture, sent_at: '2025-03-01T12:00:03.000Z' }).event
        .timestamp,
    ).toBe('2025-03-01T12:00:07.000Z');
  });

  it('places an event with an offset instead of a timestamp at receivedAt minus the offset', () => {
    const { timestamp: _timestamp, ...untimed } = capture;
    expect(mapped({ ...untimed, offset: 2500 }).event.timestamp).toBe(
      '2025-03-01T12:00:07.500Z',
    );
  });

  it('rejects an offset sent as a string', () => {
    expect(errorsOf({ ...capture, offset: '2500' })[0]).toMatchObject({
      field: 'offset',
      rule: 'isCount',
    });
  });

  it('rejects a payload without a distinct_id', () => {
    const { distinct_id: _distinctId, ...anonymous } = capture;
    expect(errorsOf(anonymous)).toEqual([
      {
        field: 'distinct_id',
        rule: 'isDefined',
        message: 'distinct_id is required and must be a non-empty string',
      },
    ]);
  });

  it('reads distinct_id from properties, where posthog-js puts it', () => {
    const { distinct_id: _distinctId, ...browser } = capture;
    expect(
      mapped({ ...browser, properties: { distinct_id: 'user-2' } }).event
        .userId,
    ).toBe('user-2');
  });

  it('finds the project key in api_key or, for posthog-js, in properties.token', () => {
    expect(postHogApiKeyOf(capture)).toBe('phc_key');
    expect(
      postHogApiKeyOf({ event: 'x', properties: { token: 'phc_browser' } }),
    ).toBe('phc_browser');
  });
});
