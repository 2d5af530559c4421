import { Analytics } from '@segment/analytics-node';
import { identityLinkOf, type RawEventEnvelope } from '@pulse/contracts';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PostHog } from 'posthog-node';
import { basicUser, bearer, send } from '../../testing/http-client';
import { startDistributedIngestion, startEmbeddedIngestion, waitFor, type IngestionUnderTest } from '../../testing/ingestion-app';
import { createTenant, type TestTenant } from '../../testing/tenants';

/** The same SDK checks on both adapter sets: in-process bus + PGlite, and real Kafka + PostgreSQL + Redis. */
const TARGETS: { name: string; start: () => Promise<IngestionUnderTest> }[] = [
  { name: 'embedded adapters (in-process bus)', start: startEmbeddedIngestion },
  { name: 'real Kafka, PostgreSQL and Redis', start: startDistributedIngestion },
];

const MINUTE = 60_000;

function byEventId(envelopes: RawEventEnvelope[], eventId: string): RawEventEnvelope {
  const found = envelopes.find((envelope) => envelope.event.eventId === eventId);
  if (!found) throw new Error(`no envelope with event id ${eventId}; got ${envelopes.map((envelope) => envelope.event.eventId).join(', ')}`);
  return found;
}

/** What clock-skew correction must have produced: receivedAt − (sentAt − timestamp). */
function corrected(envelope: RawEventEnvelope, clientTimestamp: Date): number {
  return Date.parse(envelope.receivedAt) - (Date.parse(envelope.sentAt ?? '') - clientTimestamp.getTime());
}

describe.each(TARGETS)('existing SDKs, unchanged, on $name', ({ start }) => {
  let app: IngestionUnderTest;

  beforeAll(async () => {
    app = await start();
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('native API', () => {
    it('publishes the valid events of a batch, keyed by tenant and user, and reports the invalid one', async () => {
      const tenant = await createTenant(app.url);
      const at = new Date(Date.now() - MINUTE).toISOString();
      const event = (eventId: string, userId: string) => ({ eventId, type: 'content_view', timestamp: at, userId, properties: { content_id: 'c-1' } });

      const answer = await send(`${app.url}/v1/events/batch`, {
        headers: bearer(tenant.writeKey),
        json: { events: [event('n-1', 'u-a'), { ...event('n-bad', 'u-a'), timestamp: 'soon' }, event('n-2', 'u-b'), event('n-3', 'u-a')] },
      });

      expect(answer.status).toBe(202);
      expect(answer.body).toMatchObject({ accepted: 3, rejected: [{ index: 1, errors: [{ field: 'timestamp' }] }] });
      const arrivals = await app.envelopesOf(tenant.id, 3);
      expect(arrivals.map((arrival) => [arrival.envelope.event.eventId, arrival.key]).sort()).toEqual([
        ['n-1', `${tenant.id}:u-a`],
        ['n-2', `${tenant.id}:u-b`],
        ['n-3', `${tenant.id}:u-a`],
      ]);
      const userA = arrivals.filter((arrival) => arrival.envelope.event.userId === 'u-a');
      expect(userA.map((arrival) => arrival.envelope.event.eventId)).toEqual(['n-1', 'n-3']);
      expect(new Set(userA.map((arrival) => arrival.partition)).size).toBe(1);
      expect(arrivals[0]?.envelope).toMatchObject({ source: 'http', tenantId: tenant.id, event: { category: 'content' } });
    });

    it('answers /ready with every dependency up', async () => {
      expect(await send(`${app.url}/ready`)).toMatchObject({ status: 200, body: { status: 'ready' } });
    });
  });

  describe('@segment/analytics-node', () => {
    let tenant: TestTenant;
    let envelopes: RawEventEnvelope[];
    const clientErrors: unknown[] = [];
    const purchaseAt = new Date(Date.now() - 5 * MINUTE);

    beforeAll(async () => {
      tenant = await createTenant(app.url);
      const analytics = new Analytics({ writeKey: tenant.writeKey, host: app.url, flushAt: 20, flushInterval: 60_000, maxRetries: 0 });
      analytics.on('error', (error) => clientErrors.push(error));
      analytics.identify({ messageId: 'seg-identify', anonymousId: 'anon-7', userId: 'user-7', traits: { email: 'ada@example.com' } });
      analytics.track({
        messageId: 'seg-purchase',
        userId: 'user-7',
        event: 'Order Completed',
        timestamp: purchaseAt,
        properties: { order_id: 'o-7', revenue: 99.5, currency: 'EUR', products: [{ product_id: 'p-1', price: 99.5, quantity: 1 }] },
      });
      analytics.page({ messageId: 'seg-page', anonymousId: 'anon-7', name: 'Pricing', properties: { url: 'https://shop.example/pricing', path: '/pricing' } });
      analytics.screen({ messageId: 'seg-screen', userId: 'user-7', name: 'Cart' });
      analytics.group({ messageId: 'seg-group', userId: 'user-7', groupId: 'company-1', traits: { name: 'Acme' } });
      analytics.alias({ messageId: 'seg-alias', userId: 'user-7', previousId: 'legacy-7' });
      await analytics.closeAndFlush({ timeout: 20_000 });
      envelopes = (await app.envelopesOf(tenant.id, 6)).map((arrival) => arrival.envelope);
    });

    it('delivers every call with the tenant, messageId as event id and source segment', () => {
      expect(clientErrors).toEqual([]);
      expect(envelopes.map((envelope) => [envelope.event.eventId, envelope.event.type, envelope.source, envelope.tenantId]).sort()).toEqual(
        [
          ['seg-alias', 'alias', 'segment', tenant.id],
          ['seg-group', 'group', 'segment', tenant.id],
          ['seg-identify', 'identify', 'segment', tenant.id],
          ['seg-page', 'page_view', 'segment', tenant.id],
          ['seg-purchase', 'purchase', 'segment', tenant.id],
          ['seg-screen', 'screen_view', 'segment', tenant.id],
        ].sort(),
      );
    });

    it('maps an e-commerce track to a purchase with items and a clock-skew corrected timestamp', () => {
      const purchase = byEventId(envelopes, 'seg-purchase');

      expect(purchase.event).toMatchObject({
        category: 'commerce',
        userId: 'user-7',
        properties: { order_id: 'o-7', revenue: 99.5, currency: 'EUR', items: [{ product_id: 'p-1', price: 99.5, quantity: 1 }] },
        context: { library: { name: '@segment/analytics-node' } },
      });
      expect(purchase.sentAt).toEqual(expect.any(String));
      expect(Date.parse(purchase.event.timestamp)).toBe(corrected(purchase, purchaseAt));
    });

    it('links the anonymous id to the user id on identify and alias', () => {
      expect(identityLinkOf(byEventId(envelopes, 'seg-identify').event)).toEqual({ previousId: 'anon-7', userId: 'user-7' });
      expect(identityLinkOf(byEventId(envelopes, 'seg-alias').event)).toEqual({ previousId: 'legacy-7', userId: 'user-7' });
      expect(byEventId(envelopes, 'seg-identify').event.properties).toEqual({ traits: { email: 'ada@example.com' } });
    });

    it('keys every message by tenant and user', async () => {
      const arrivals = await app.envelopesOf(tenant.id, 6);

      expect(arrivals.find((arrival) => arrival.envelope.event.eventId === 'seg-purchase')?.key).toBe(`${tenant.id}:user-7`);
      expect(arrivals.find((arrival) => arrival.envelope.event.eventId === 'seg-page')?.key).toBe(`${tenant.id}:anon-7`);
    });
  });

  describe('Segment HTTP API called directly', () => {
    let tenant: TestTenant;

    beforeAll(async () => {
      tenant = await createTenant(app.url);
    });

    it('accepts /v1/track with the write key as Basic user and corrects a client clock an hour behind', async () => {
      const clientNow = Date.now() - 60 * MINUTE;
      const answer = await send(`${app.url}/v1/track`, {
        headers: basicUser(tenant.writeKey),
        json: {
          messageId: 'direct-track',
          anonymousId: 'anon-d',
          event: 'videoPlayed',
          timestamp: new Date(clientNow - 30_000).toISOString(),
          sentAt: new Date(clientNow).toISOString(),
          properties: { video_id: 'v-1' },
        },
      });

      expect(answer).toEqual(expect.objectContaining({ status: 200, body: { success: true } }));
      const [arrival] = await app.envelopesOf(tenant.id, 1);
      expect(arrival?.envelope.event).toMatchObject({ type: 'video_played', anonymousId: 'anon-d' });
      expect(Date.parse(arrival?.envelope.event.timestamp ?? '')).toBe(Date.parse(arrival?.envelope.receivedAt ?? '') - 30_000);
    });

    it('takes analytics.js short paths, /v1/p and its batches on /v1/b, as text/plain with the Basic write key', async () => {
      const headers = { ...basicUser(tenant.writeKey), 'content-type': 'text/plain', 'x-retry-count': '1' };
      const page = await send(`${app.url}/v1/p`, { headers, raw: JSON.stringify({ messageId: 'short-page', anonymousId: 'anon-s', name: 'Home' }) });
      const batch = await send(`${app.url}/v1/b`, {
        headers,
        raw: JSON.stringify({ writeKey: tenant.writeKey, batch: [{ type: 'track', messageId: 'short-batch', anonymousId: 'anon-s', event: 'Clicked' }] }),
      });

      expect([page.status, page.body, batch.status, batch.body]).toEqual([200, { success: true }, 200, { success: true }]);
      const shortOnes = () => app.arrived.filter((arrival) => arrival.envelope.tenantId === tenant.id && arrival.envelope.event.eventId.startsWith('short-'));
      const arrived = await waitFor(shortOnes, (found) => found.length >= 2, 20_000, (found) => `2 envelopes from the short paths, got ${found.length}`);
      expect(arrived.map((arrival) => arrival.envelope.event.type).sort()).toEqual(['clicked', 'page_view']);
    });

    it("answers analytics.js's preflight, X-Retry-Count included, and puts CORS headers on errors too", async () => {
      const preflight = await send(`${app.url}/v1/t`, {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-retry-count' },
      });
      const refused = await send(`${app.url}/v1/t`, { headers: { ...basicUser('pwk_unknown'), origin: 'https://shop.example' }, raw: '{"event":"x","userId":"u"}' });

      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase().split(', ')).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'x-retry-count']),
      );
      expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([401, '*']);
    });

    it("names Segment's own fields in errors", async () => {
      const answer = await send(`${app.url}/v1/track`, { headers: basicUser(tenant.writeKey), json: { userId: 'u', properties: {} } });

      expect(answer).toMatchObject({ status: 400, body: { errors: [{ field: 'event', rule: 'isDefined' }] } });
    });

    it('takes the write key from the body of /v1/batch when no header carries it', async () => {
      const answer = await send(`${app.url}/v1/batch`, {
        json: { writeKey: tenant.writeKey, batch: [{ type: 'identify', messageId: 'body-key', userId: 'u-body', traits: {} }] },
      });

      expect(answer).toEqual(expect.objectContaining({ status: 200, body: { success: true } }));
    });
  });

  describe('posthog-node', () => {
    let tenant: TestTenant;
    let envelopes: RawEventEnvelope[];
    const clientErrors: unknown[] = [];
    const requests: { path: string; encoding: string | undefined }[] = [];
    const viewedAt = new Date(Date.now() - 3 * MINUTE);
    // posthog-node replaces an event uuid that is not a UUID.
    const pageUuid = randomUUID();
    const viewUuid = randomUUID();

    beforeAll(async () => {
      tenant = await createTenant(app.url);
      // Compression stays on (the default): posthog-node gzips its batches. The fetch wrapper only watches.
      const posthog = new PostHog(tenant.writeKey, {
        host: app.url,
        flushAt: 20,
        flushInterval: 60_000,
        fetchRetryCount: 0,
        fetch: (url, options) => {
          requests.push({ path: new URL(url).pathname, encoding: options.headers['Content-Encoding'] });
          return fetch(url, options as RequestInit);
        },
      });
      posthog.on('error', (error) => clientErrors.push(error));
      posthog.capture({ distinctId: 'device-9', event: '$pageview', uuid: pageUuid, properties: { $device_id: 'device-9', $current_url: 'https://shop.example/', $pathname: '/' } });
      posthog.capture({ distinctId: 'user-9', event: 'product viewed', uuid: viewUuid, timestamp: viewedAt, properties: { product_id: 'p-9', $session_id: 'sess-9' } });
      posthog.identify({ distinctId: 'user-9', properties: { $anon_distinct_id: 'device-9', email: 'grace@example.com' } });
      posthog.alias({ distinctId: 'user-9', alias: 'legacy-9' });
      await posthog.shutdown(20_000);
      envelopes = (await app.envelopesOf(tenant.id, 4)).map((arrival) => arrival.envelope);
    });

    it('delivers every call, gzipped to /batch/, with the tenant, uuid as event id and source posthog', () => {
      expect(clientErrors).toEqual([]);
      expect(requests).toEqual([{ path: '/batch/', encoding: 'gzip' }]);
      expect(envelopes.map((envelope) => [envelope.event.type, envelope.source, envelope.tenantId]).sort()).toEqual(
        [
          ['alias', 'posthog', tenant.id],
          ['identify', 'posthog', tenant.id],
          ['page_view', 'posthog', tenant.id],
          ['product_viewed', 'posthog', tenant.id],
        ].sort(),
      );
      expect(byEventId(envelopes, pageUuid).event).toMatchObject({ anonymousId: 'device-9', properties: { url: 'https://shop.example/', path: '/' } });
    });

    it('maps distinct_id to the user, keeps the session and corrects the client clock', () => {
      const viewed = byEventId(envelopes, viewUuid);

      expect(viewed.event).toMatchObject({ userId: 'user-9', sessionId: 'sess-9', properties: { product_id: 'p-9' } });
      expect(Date.parse(viewed.event.timestamp)).toBe(corrected(viewed, viewedAt));
    });

    it('links the anonymous id on $identify and the alias on $create_alias', () => {
      const identify = envelopes.find((envelope) => envelope.event.type === 'identify');
      const alias = envelopes.find((envelope) => envelope.event.type === 'alias');

      expect(identify && identityLinkOf(identify.event)).toEqual({ previousId: 'device-9', userId: 'user-9' });
      expect(identify?.event.properties).toMatchObject({ traits: { email: 'grace@example.com' } });
      expect(alias && identityLinkOf(alias.event)).toEqual({ previousId: 'legacy-9', userId: 'user-9' });
    });
  });

  describe('PostHog capture API called directly', () => {
    let tenant: TestTenant;

    beforeAll(async () => {
      tenant = await createTenant(app.url);
    });

    it.each(['/capture', '/e', '/i/v0/e'])('accepts one event on %s with api_key in the body', async (path) => {
      const uuid = `direct${path.replace(/\//g, '-')}`;
      const answer = await send(`${app.url}${path}`, {
        json: { api_key: tenant.writeKey, event: 'signed up', distinct_id: 'user-d', uuid, properties: { plan: 'pro' } },
      });

      expect(answer).toEqual(expect.objectContaining({ status: 200, body: { status: 1 } }));
    });

    it('takes what posthog-js sends from a browser: a gzipped text/plain batch with no Content-Encoding and no ?compression', async () => {
      const body = gzipSync(JSON.stringify({ api_key: tenant.writeKey, batch: [{ event: 'gzip plain', distinct_id: 'user-g', uuid: randomUUID() }], sent_at: new Date().toISOString() }));

      const answer = await send(`${app.url}/e/?ver=1.449.2`, { headers: { 'content-type': 'text/plain' }, raw: body });

      expect(answer).toEqual(expect.objectContaining({ status: 200, body: { status: 1 } }));
    });

    it("takes posthog-js's page-exit sendBeacon: data=<base64> as a form with ?compression=base64", async () => {
      const uuid = randomUUID();
      const json = JSON.stringify([{ event: 'beacon', distinct_id: 'user-b', uuid, properties: { token: tenant.writeKey } }]);
      const form = `data=${encodeURIComponent(Buffer.from(json).toString('base64'))}`;

      const answer = await send(`${app.url}/e/?compression=base64&ver=1.449.2`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        raw: form,
      });

      expect(answer).toEqual(expect.objectContaining({ status: 200, body: { status: 1 } }));
      const arrived = await waitFor(() => app.arrived.filter((arrival) => arrival.envelope.event.eventId === uuid), (found) => found.length > 0, 20_000, () => `beacon event ${uuid}`);
      expect(arrived.map((arrival) => arrival.envelope.event.type)).toEqual(['beacon']);
    });

    it('answers 400 naming distinct_id when it is missing', async () => {
      const answer = await send(`${app.url}/capture`, { headers: bearer(tenant.writeKey), json: { event: 'x', properties: {} } });

      expect(answer).toMatchObject({ status: 400, body: { rejected: [{ index: 0, errors: [{ field: 'distinct_id', rule: 'isDefined' }] }] } });
    });

    it('answers an unknown api_key with 401', async () => {
      const answer = await send(`${app.url}/batch`, { json: { api_key: 'phc_unknown', batch: [{ event: 'x', distinct_id: 'u' }] } });

      expect(answer.status).toBe(401);
    });
  });
});
