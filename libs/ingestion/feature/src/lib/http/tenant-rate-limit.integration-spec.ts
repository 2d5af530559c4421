import { basicUser, bearer, send } from '../../testing/http-client';
import { startEmbeddedIngestion, type IngestionUnderTest } from '../../testing/ingestion-app';
import { createTenant, type TestTenant } from '../../testing/tenants';

/**
 * Per-tenant rate limit, configured like an operator would (environment variables read at start):
 * 1 event/s sustained, bursts of 5. Refills take seconds, so the refusals below do not depend on timing.
 */
describe('per-tenant rate limit (embedded adapters)', () => {
  const saved = { ...process.env };
  let app: IngestionUnderTest;
  let limited: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    process.env['INGESTION_RATE_LIMIT_PER_SECOND'] = '1';
    process.env['INGESTION_RATE_LIMIT_BURST'] = '5';
    app = await startEmbeddedIngestion();
    limited = await createTenant(app.url);
    other = await createTenant(app.url);
  });

  afterAll(async () => {
    await app?.stop();
    process.env = saved;
  });

  const event = (eventId: string) => ({ eventId, type: 'page_view', timestamp: new Date().toISOString(), userId: 'u-1', properties: {} });
  const batchOf = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => event(`${prefix}-${i}`));

  it('accepts the burst, then answers 429 with Retry-After and publishes nothing of the refused request', async () => {
    const first = await send(`${app.url}/v1/events/batch`, { headers: bearer(limited.writeKey), json: batchOf('ok', 5) });
    expect(first.status).toBe(202);

    const refused = await send(`${app.url}/v1/events/batch`, { headers: bearer(limited.writeKey), json: batchOf('refused', 5) });

    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    // 5 events need 5 tokens at 1/s: 4 or 5 s from an (almost) empty bucket.
    expect(retryAfter).toBeGreaterThanOrEqual(4);
    expect(retryAfter).toBeLessThanOrEqual(5);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(refused.body.message).toContain('1 events per second (bursts up to 5)');

    await app.envelopesOf(limited.id, 5);
    // Another tenant's request travels the same bus: once it arrived, a refused envelope would have too.
    const others = await send(`${app.url}/v1/events/batch`, { headers: bearer(other.writeKey), json: batchOf('other', 5) });
    expect(others.status).toBe(202);
    await app.envelopesOf(other.id, 5);
    const ids = app.arrived.filter((arrival) => arrival.envelope.tenantId === limited.id).map((arrival) => arrival.envelope.event.eventId);
    expect(ids.sort()).toEqual(['ok-0', 'ok-1', 'ok-2', 'ok-3', 'ok-4']);
  });

  it('limits the Segment routes too (the SDK retries on 429)', async () => {
    const segment = await createTenant(app.url);
    const track = (messageId: string) => ({ type: 'track', event: 'page_view', userId: 'u-1', messageId, timestamp: new Date().toISOString(), properties: {} });
    const accepted = await send(`${app.url}/v1/batch`, { headers: basicUser(segment.writeKey), json: { batch: [1, 2, 3, 4, 5].map((i) => track(`s-${i}`)) } });
    expect(accepted.status).toBe(200);

    const refused = await send(`${app.url}/v1/track`, { headers: basicUser(segment.writeKey), json: { ...track('s-6'), type: undefined } });
    expect(refused.status).toBe(429);
  });
});
