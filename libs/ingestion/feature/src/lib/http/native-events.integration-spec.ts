import { gzipSync } from 'node:zlib';
import { bearer, send } from '../../testing/http-client';
import { startEmbeddedIngestion, waitFor, type IngestionUnderTest } from '../../testing/ingestion-app';
import { createTenant, type TestTenant } from '../../testing/tenants';
import { DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_EVENT_BYTES } from '../limits/ingestion-limits';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function isoAgo(milliseconds: number): string {
  return new Date(Date.now() - milliseconds).toISOString();
}

function search(eventId: string, userId = 'u-1', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { eventId, type: 'search', timestamp: isoAgo(60_000), userId, properties: { query: 'running shoes' }, ...extra };
}

describe('native events API (embedded adapters)', () => {
  let app: IngestionUnderTest;
  let tenant: TestTenant;
  let events: string;
  let batch: string;

  beforeAll(async () => {
    app = await startEmbeddedIngestion();
    tenant = await createTenant(app.url);
    events = `${app.url}/v1/events`;
    batch = `${app.url}/v1/events/batch`;
  });

  afterAll(async () => {
    await app?.stop();
  });

  /** Envelopes of one event id (the topic is shared by every test of the suite). */
  async function arrivedWithId(eventId: string) {
    await app.envelopesOf(tenant.id, 1);
    return app.arrived.filter((arrival) => arrival.envelope.event.eventId === eventId);
  }

  it('accepts one event with 202 and puts it on the raw topic, keyed by tenant and user', async () => {
    const sent = {
      eventId: 'native-1',
      type: 'purchase',
      timestamp: '2025-03-01T12:00:00.000+01:00',
      userId: 'u-42',
      sessionId: 's-1',
      properties: { order_id: 'o-1', revenue: 42.5, currency: 'EUR', items: [{ product_id: 'p-1', price: 42.5, quantity: 1 }] },
      context: { page: { url: 'https://shop.example/checkout' }, locale: 'de-DE' },
    };
    const fresh = await createTenant(app.url);

    const answer = await send(events, { headers: bearer(fresh.writeKey), json: { ...sent, timestamp: isoAgo(HOUR) } });

    expect(answer).toMatchObject({ status: 202, body: { accepted: 1, eventId: 'native-1' } });
    const [arrival] = await app.envelopesOf(fresh.id, 1);
    expect(arrival?.key).toBe(`${fresh.id}:u-42`);
    expect(arrival?.envelope).toEqual({
      schemaVersion: 1,
      tenantId: fresh.id,
      receivedAt: expect.any(String),
      source: 'http',
      event: { ...sent, timestamp: expect.any(String), category: 'commerce' },
    });
  });

  it('assigns a UUID to an event sent without an id and answers it', async () => {
    const { eventId: _omitted, ...withoutId } = search('unused');

    const answer = await send(events, { headers: bearer(tenant.writeKey), json: withoutId });

    expect(answer.status).toBe(202);
    expect(answer.body.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await arrivedWithId(answer.body.eventId)).toHaveLength(1);
  });

  it('corrects a wrong client clock with sentAt: timestamp = receivedAt - (sentAt - timestamp)', async () => {
    // The client's clock is two days behind; the event happened 90 s before it was sent.
    const clientNow = Date.now() - 2 * DAY;
    const event = search('native-skew', 'u-skew', {
      timestamp: new Date(clientNow - 90_000).toISOString(),
      sentAt: new Date(clientNow).toISOString(),
    });

    expect((await send(events, { headers: bearer(tenant.writeKey), json: event })).status).toBe(202);

    const [arrival] = await arrivedWithId('native-skew');
    const envelope = arrival?.envelope;
    expect(envelope?.sentAt).toBe(event['sentAt']);
    expect(Date.parse(envelope?.event.timestamp ?? '')).toBe(Date.parse(envelope?.receivedAt ?? '') - 90_000);
  });

  it('publishes the valid events of a batch and lists each rejected index with its errors', async () => {
    const answer = await send(batch, {
      headers: bearer(tenant.writeKey),
      json: [
        search('batch-ok-1', 'u-b'),
        { ...search('batch-bad-types', 'u-b'), type: 'purchase', properties: { order_id: 'o-2', revenue: '12.50', currency: 'EUR' } },
        search('batch-ok-2', 'u-b'),
        { ...search('batch-no-user'), userId: undefined },
      ],
    });

    // Lenient (the default): the text revenue is a property problem, stored with its violation; no user is not.
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({
      accepted: 3,
      rejected: [{ index: 3, errors: [{ field: 'userId', rule: 'atLeastOneOf', message: 'userId or anonymousId is required: send at least one of them' }] }],
    });
    expect(await arrivedWithId('batch-ok-1')).toHaveLength(1);
    expect((await arrivedWithId('batch-bad-types'))[0]?.envelope.event.properties).toEqual({ order_id: 'o-2', revenue: '12.50', currency: 'EUR' });
    const [refused] = await waitFor(
      () => app.quarantined.filter((record) => record.tenantId === tenant.id && record.eventId === 'batch-no-user'),
      (found) => found.length > 0,
      20_000,
      () => 'the refused event on its way to the quarantine',
    );
    expect(refused).toMatchObject({ source: 'http', reason: 'invalid', eventType: 'search', errors: [{ field: 'userId' }], payload: { eventId: 'batch-no-user', type: 'search' } });
  });

  it("refuses property problems under a strict tenant's policy, each with its rule, and sends them to the quarantine", async () => {
    const strict = await createTenant(app.url, { schemaPolicy: 'strict' });

    const answer = await send(batch, {
      headers: bearer(strict.writeKey),
      json: [search('strict-ok', 'u-s'), { ...search('strict-bad', 'u-s'), type: 'purchase', properties: { order_id: 'o-3', revenue: '12.50', currency: 'EUR' } }],
    });

    expect(answer.body).toEqual({
      accepted: 1,
      rejected: [{ index: 1, errors: [{ field: 'properties.revenue', rule: 'isNumber', message: expect.stringContaining('properties.revenue') }] }],
    });
    const [refused] = await waitFor(
      () => app.quarantined.filter((record) => record.tenantId === strict.id),
      (found) => found.length > 0,
      20_000,
      () => 'the refused event on its way to the quarantine',
    );
    expect(refused).toMatchObject({ eventId: 'strict-bad', reason: 'invalid', errors: [{ field: 'properties.revenue', rule: 'isNumber' }] });
    expect(app.arrived.filter((arrival) => arrival.envelope.event.eventId === 'strict-bad')).toEqual([]);
  });

  it('keeps a user\'s events on one partition in the order they were sent', async () => {
    const ids = ['order-1', 'order-2', 'order-3', 'order-4'];
    await send(batch, { headers: bearer(tenant.writeKey), json: { events: ids.map((id) => search(id, 'u-ordered')) } });

    await arrivedWithId('order-4');
    const arrivals = app.arrived.filter((arrival) => arrival.envelope.event.userId === 'u-ordered');
    expect(arrivals.map((arrival) => arrival.envelope.event.eventId)).toEqual(ids);
    expect(new Set(arrivals.map((arrival) => arrival.partition)).size).toBe(1);
  });

  it('accepts a gzip-compressed batch', async () => {
    const answer = await send(batch, { headers: bearer(tenant.writeKey), json: [search('gzip-1')], gzip: true });

    expect(answer).toMatchObject({ status: 202, body: { accepted: 1 } });
  });

  describe('bad input', () => {
    it('answers malformed JSON with 400 saying so', async () => {
      const answer = await send(events, { headers: { ...bearer(tenant.writeKey), 'content-type': 'application/json' }, raw: '{"type": "search",' });

      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('the request body is not valid JSON') });
    });

    it('answers an empty body with 400', async () => {
      const answer = await send(events, { headers: bearer(tenant.writeKey), raw: '', method: 'POST' });

      expect(answer).toMatchObject({ status: 400, body: { message: expect.stringContaining('empty') } });
    });

    it('answers wrong types with 400 naming the field and the rule', async () => {
      const answer = await send(events, {
        headers: bearer(tenant.writeKey),
        json: { type: 'search', timestamp: 12345, userId: ['u'], properties: 'none' },
      });

      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((error: { field: string; rule: string }) => error.field)).toEqual(['timestamp', 'userId', 'properties']);
      expect(answer.body.errors.every((error: { rule: string }) => error.rule.length > 0)).toBe(true);
    });

    it('answers an event with neither userId nor anonymousId with 400', async () => {
      const answer = await send(events, { headers: bearer(tenant.writeKey), json: { type: 'search', timestamp: isoAgo(0), properties: { query: 'x' } } });

      expect(answer).toMatchObject({ status: 400, body: { errors: [{ field: 'userId', message: 'userId or anonymousId is required: send at least one of them' }] } });
    });

    it('refuses timestamps more than 24 hours ahead or 365 days back, and accepts those just inside', async () => {
      const inside = [search('window-future-ok', 'u-w', { timestamp: isoAgo(-23 * HOUR) }), search('window-past-ok', 'u-w', { timestamp: isoAgo(364 * DAY) })];
      const outside = [search('window-future', 'u-w', { timestamp: isoAgo(-25 * HOUR) }), search('window-ancient', 'u-w', { timestamp: '1970-01-01T00:00:00Z' })];

      const answer = await send(batch, { headers: bearer(tenant.writeKey), json: [...inside, ...outside] });

      expect(answer.status).toBe(202);
      expect(answer.body.accepted).toBe(2);
      expect(answer.body.rejected).toEqual([
        { index: 2, errors: [{ field: 'timestamp', rule: 'maxFutureSkew', message: expect.stringContaining('more than 24 hours after') }] },
        { index: 3, errors: [{ field: 'timestamp', rule: 'maxEventAge', message: expect.stringContaining('more than 365 days before') }] },
      ]);
    });

    it('answers a single event over 32 KB with 413', async () => {
      const big = search('too-big', 'u-big', { properties: { query: 'x'.repeat(DEFAULT_MAX_EVENT_BYTES) } });

      const answer = await send(events, { headers: bearer(tenant.writeKey), json: big });

      expect(answer.status).toBe(413);
      expect(answer.body.message).toContain(`larger than ${DEFAULT_MAX_EVENT_BYTES} bytes, the limit for a single event`);
    });

    it('rejects an event over 32 KB inside a batch and keeps its neighbours', async () => {
      const big = search('batch-too-big', 'u-big', { properties: { query: 'x'.repeat(DEFAULT_MAX_EVENT_BYTES) } });

      const answer = await send(batch, { headers: bearer(tenant.writeKey), json: [search('beside-big'), big] });

      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({
        accepted: 1,
        rejected: [{ index: 1, errors: [{ field: '', rule: 'maxEventBytes', message: expect.stringContaining(`at most ${DEFAULT_MAX_EVENT_BYTES}`) }] }],
      });
    });

    it('answers a batch over 500 KB with 413, compressed or not', async () => {
      const events = Array.from({ length: 20 }, (_, index) => search(`huge-${index}`, 'u-huge', { properties: { query: 'y'.repeat(30_000) } }));

      const plain = await send(batch, { headers: bearer(tenant.writeKey), json: events });
      const gzipped = await send(batch, { headers: bearer(tenant.writeKey), json: events, gzip: true });

      expect(plain.status).toBe(413);
      expect(gzipped.status).toBe(413);
      expect(gzipped.body.message).toContain(`larger than ${DEFAULT_MAX_BATCH_BYTES} bytes, the limit for a batch`);
    });

    it('answers an unsupported Content-Encoding with 415 and a corrupt gzip body with 400', async () => {
      const zstd = await send(batch, { headers: { ...bearer(tenant.writeKey), 'content-encoding': 'compress' }, raw: '[]' });
      const corrupt = await send(batch, { headers: { ...bearer(tenant.writeKey), 'content-encoding': 'gzip' }, raw: gzipSync('[]').subarray(0, 8) });

      expect(zstd.status).toBe(415);
      expect(corrupt.status).toBe(400);
    });

    it('answers a batch that is not a list, or an empty one, with 400', async () => {
      const notAList = await send(batch, { headers: bearer(tenant.writeKey), json: { events: 'many' } });
      const empty = await send(batch, { headers: bearer(tenant.writeKey), json: [] });

      expect(notAList).toMatchObject({ status: 400, body: { errors: [{ field: 'events', rule: 'isArray' }] } });
      expect(empty).toMatchObject({ status: 400, body: { errors: [{ field: 'events', rule: 'arrayNotEmpty' }] } });
    });

    it('answers 400 with every rejected index when no event of a batch is valid', async () => {
      const answer = await send(batch, { headers: bearer(tenant.writeKey), json: [{ type: 'search' }, 'not an event'] });

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ accepted: 0, rejected: [{ index: 0 }, { index: 1 }] });
    });

    it('answers a missing or unknown write key with 401 and publishes nothing', async () => {
      const missing = await send(events, { json: search('no-key') });
      const unknown = await send(events, { headers: bearer('pwk_unknown'), json: search('unknown-key') });

      expect(missing).toMatchObject({ status: 401, body: { message: expect.stringContaining('A write key is required') } });
      expect(unknown).toMatchObject({ status: 401, body: { message: 'The write key is not valid.' } });
      expect(app.arrived.filter((arrival) => ['no-key', 'unknown-key'].includes(arrival.envelope.event.eventId))).toEqual([]);
    });
  });

  it('answers a browser preflight on the event routes', async () => {
    const answer = await send(events, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });

    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('counts accepted and rejected events on /metrics', async () => {
    const metrics = await send(`${app.url}/metrics`);

    expect(metrics.body).toMatch(/ingestion_events_accepted_total\{source="http",type="[a-z_]+",service="ingestion"\} \d+/);
    expect(metrics.body).toMatch(/ingestion_events_rejected_total\{source="http",reason="invalid",type="[a-z_]+",service="ingestion"\} \d+/);
    expect(metrics.body).toMatch(/ingestion_requests_refused_total\{reason="malformed_json",service="ingestion"\} 2/);
    expect(metrics.body).toContain('ingestion_publish_duration_seconds_bucket');
  });

  it('documents the event routes at /docs-json', async () => {
    const document = await send(`${app.url}/docs-json`);

    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/v1/events', '/v1/events/batch', '/v1/track', '/v1/batch', '/capture', '/batch', '/v1/admin/tenants']),
    );
  });
});
