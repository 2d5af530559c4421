import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';
import { cleanEnv, ProcessUnderTest } from './support/process-under-test';

const ADMIN_TOKEN = 'data-quality-e2e-admin-token-0123456789';
const WAIT_MS = 60_000;

interface Tenant {
  id: string;
  writeKey: string;
  secretKey: string;
}

/**
 * A shop instrumented with `@segment/analytics-node` and `posthog-node`, unchanged, pointed at the
 * built embedded start. Each SDK sends four commerce events, three of which break their type's rules:
 *
 *   add_to_cart with `productId` instead of `product_id`      → properties.product_id isDefined
 *   purchase with `orderId` instead of `order_id` (25 EUR)    → properties.order_id isDefined
 *   purchase o-2 with revenue "ten"                           → properties.revenue isNumber
 *   purchase o-3, 40 EUR                                      → clean
 *
 * Lenient: all 8 stored, 6 with violations; revenue 2 × (25 + 40) = 130 from 4 priced orders of 6, and
 * the dashboard says which values it skipped. Strict: 2 stored, 6 quarantined; after mapping
 * productId → product_id and orderId → order_id, a replay stores 4 more (the text revenue is refused
 * again), and replaying those 4 again stores nothing new.
 */
describe('data quality with the real Segment and PostHog server SDKs (built embedded start)', () => {
  let pulse: ProcessUnderTest;
  let urls: Map<string, string>;
  let lenient: Tenant;
  let strict: Tenant;

  const call = async (url: string, init: { method?: string; token?: string; json?: unknown } = {}) => {
    const response = await fetch(url, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const ingestion = (path: string) => `${urls.get('ingestion')}${path}`;
  const overview = async (tenant: Tenant) => (await call(ingestion('/v1/data-quality/overview'), { token: tenant.secretKey })).body;
  const waitUntil = async <T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const createTenant = async (slug: string, schemaPolicy: 'lenient' | 'strict'): Promise<Tenant> => {
    const answer = await call(ingestion('/v1/admin/tenants'), {
      token: ADMIN_TOKEN,
      json: { slug, name: slug, timeZone: 'UTC', currency: 'EUR', schemaPolicy, secretKeyScopes: ['manage'] },
    });
    if (answer.status !== 201) throw new Error(`creating ${slug}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return { id: answer.body.tenant.id, writeKey: answer.body.writeKey, secretKey: answer.body.secretKey.key };
  };

  async function sendWithBothSdks(tenant: Tenant): Promise<void> {
    const host = ingestion('');
    const segment = new Analytics({ writeKey: tenant.writeKey, host, flushAt: 20, flushInterval: 60_000, maxRetries: 0 });
    const segmentErrors: unknown[] = [];
    segment.on('error', (error) => segmentErrors.push(error));
    segment.track({ userId: 'seg-u', event: 'Product Added', properties: { productId: 'p-1', price: 10 } });
    segment.track({ userId: 'seg-u', event: 'Order Completed', properties: { orderId: 'o-1', revenue: 25, currency: 'EUR' } });
    segment.track({ userId: 'seg-u', event: 'Order Completed', properties: { order_id: 'o-2', revenue: 'ten', currency: 'EUR' } });
    segment.track({ userId: 'seg-u', event: 'Order Completed', properties: { order_id: 'o-3', revenue: 40, currency: 'EUR' } });
    await segment.closeAndFlush({ timeout: 20_000 });
    expect(segmentErrors).toEqual([]);

    const posthog = new PostHog(tenant.writeKey, { host, flushAt: 20, flushInterval: 60_000, fetchRetryCount: 0 });
    posthog.capture({ distinctId: 'ph-u', event: 'add_to_cart', properties: { productId: 'p-1', price: 10 } });
    posthog.capture({ distinctId: 'ph-u', event: 'purchase', properties: { orderId: 'o-1', revenue: 25, currency: 'EUR' } });
    posthog.capture({ distinctId: 'ph-u', event: 'purchase', properties: { order_id: 'o-2', revenue: 'ten', currency: 'EUR' } });
    posthog.capture({ distinctId: 'ph-u', event: 'purchase', properties: { order_id: 'o-3', revenue: 40, currency: 'EUR' } });
    await posthog.shutdown(20_000);
  }

  beforeAll(async () => {
    pulse = new ProcessUnderTest('standalone', cleanEnv({ PULSE_BASE_PORT: '0', PULSE_DEMO: 'false', PULSE_ADMIN_TOKEN: ADMIN_TOKEN }));
    await pulse.waitForOutput(/Press Ctrl-C to stop/, 90_000);
    urls = new Map([...pulse.stdout.matchAll(/^\s+([a-z-]+)\s+(http:\/\/\S+)\s+API docs/gm)].map((match) => [match[1], match[2]]));
    lenient = await createTenant('dq-lenient', 'lenient');
    strict = await createTenant('dq-strict', 'strict');
    await sendWithBothSdks(lenient);
    await sendWithBothSdks(strict);
  });

  afterAll(async () => pulse?.kill());

  describe('lenient (the default)', () => {
    it('stores every event, six of them with their violations counted by event type, field and rule', async () => {
      const answer = await waitUntil('8 stored events', () => overview(lenient), (body) => body?.totals?.received === 8);

      expect(answer.totals).toEqual({ received: 8, stored: 2, storedWithViolations: 6, rejected: 0, quarantineDropped: 0 });
      expect(answer.sources.map(({ source, received }: { source: string; received: number }) => [source, received])).toEqual([
        ['posthog', 4],
        ['segment', 4],
      ]);
      expect(answer.rules).toEqual(
        expect.arrayContaining([
          { eventType: 'add_to_cart', field: 'properties.product_id', rule: 'isDefined', storedWithViolations: 2, rejected: 0 },
          { eventType: 'purchase', field: 'properties.order_id', rule: 'isDefined', storedWithViolations: 2, rejected: 0 },
          { eventType: 'purchase', field: 'properties.revenue', rule: 'isNumber', storedWithViolations: 2, rejected: 0 },
        ]),
      );
    });

    it('leaves the text revenue out of the commerce dashboard and says how many values it skipped', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const answer = await call(`${urls.get('insights')}/v1/commerce/dashboard?from=${today}&to=${today}`, { token: lenient.secretKey });

      expect(answer.status).toBe(200);
      expect(answer.body.summary).toMatchObject({ orders: 6, pricedOrders: 4, revenue: 130 });
      expect(answer.body.skippedValues).toEqual([
        { eventType: 'purchase', field: 'properties.order_id', rule: 'isDefined', events: 2 },
        { eventType: 'purchase', field: 'properties.revenue', rule: 'isNumber', events: 2 },
      ]);
    });
  });

  describe('strict', () => {
    it('rejects the six, keeps each in the quarantine with its reason and payload, and stores the two clean ones', async () => {
      const answer = await waitUntil('6 rejected and 2 stored', () => overview(strict), (body) => body?.totals?.received === 8);
      expect(answer.totals).toMatchObject({ stored: 2, storedWithViolations: 0, rejected: 6 });
      expect(answer.quarantinePending).toBe(6);

      const rejections = await call(ingestion('/v1/data-quality/rejections?limit=10'), { token: strict.secretKey });
      expect(rejections.status).toBe(200);
      expect(rejections.body.items).toHaveLength(6);
      const summary = rejections.body.items
        .map((item: { source: string; reason: string; errors: Array<{ field: string; rule: string }> }) => `${item.source} ${item.reason} ${item.errors.map((error) => `${error.field}:${error.rule}`).join(',')}`)
        .sort();
      expect(summary).toEqual([
        'posthog invalid properties.order_id:isDefined',
        'posthog invalid properties.product_id:isDefined',
        'posthog invalid properties.revenue:isNumber',
        'segment invalid properties.order_id:isDefined',
        'segment invalid properties.product_id:isDefined',
        'segment invalid properties.revenue:isNumber',
      ]);
      const segmentPurchase = rejections.body.items.find((item: { source: string; payload: { properties?: { orderId?: string } } }) => item.source === 'segment' && item.payload.properties?.orderId === 'o-1');
      expect(segmentPurchase.payload).toMatchObject({ type: 'track', event: 'Order Completed', userId: 'seg-u', messageId: segmentPurchase.eventId });
    });

    it('replays under the new mappings: four stored once each, the text revenue refused again; a second replay stores nothing new', async () => {
      const mapped = await call(ingestion(`/v1/admin/tenants/${strict.id}/property-mappings`), {
        method: 'PUT',
        token: ADMIN_TOKEN,
        json: {
          mappings: [
            { eventType: 'purchase', from: 'orderId', to: 'order_id' },
            { eventType: 'add_to_cart', from: 'productId', to: 'product_id' },
          ],
        },
      });
      expect(mapped.status).toBe(200);

      const replay = await call(ingestion('/v1/data-quality/rejections/replay'), { token: strict.secretKey, json: { all: true } });
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ replayed: 4, rejected: 2, remaining: 2 });
      const stored = await waitUntil('6 stored', () => overview(strict), (body) => body?.totals?.stored === 6);
      expect(stored.totals).toMatchObject({ stored: 6, rejected: 6 });

      const replayedIds = replay.body.results.filter((result: { outcome: string }) => result.outcome === 'replayed').map((result: { id: string }) => result.id);
      const duplicatesBefore = await processorDuplicates();
      const again = await call(ingestion('/v1/data-quality/rejections/replay'), { token: strict.secretKey, json: { ids: replayedIds } });
      expect(again.body).toMatchObject({ replayed: 4, rejected: 0 });
      await waitUntil('4 more duplicates dropped by the processor', processorDuplicates, (count) => count >= duplicatesBefore + 4);
      expect((await overview(strict)).totals.stored).toBe(6);

      const pending = await call(ingestion('/v1/data-quality/rejections?status=pending'), { token: strict.secretKey });
      expect(pending.body.items.map((item: { replayError: string }) => item.replayError)).toEqual([
        expect.stringContaining('properties.revenue'),
        expect.stringContaining('properties.revenue'),
      ]);
    });

    it('counts quarantined and stored-with-violations events on /metrics by tenant-independent reason', async () => {
      const metrics = await (await fetch(`${urls.get('stream-processor')}/metrics`)).text();
      expect(metricValue(metrics, 'pulse_events_quarantined_total', { reason: 'invalid' })).toBe(6);
      expect(metricValue(metrics, 'pulse_processor_events_stored_with_violations_total', { rule: 'isDefined' })).toBe(4);
      expect(metricValue(metrics, 'pulse_processor_events_stored_with_violations_total', { rule: 'isNumber' })).toBe(2);
    });
  });

  async function processorDuplicates(): Promise<number> {
    return metricValue(await (await fetch(`${urls.get('stream-processor')}/metrics`)).text(), 'pulse_processor_events_duplicate_total');
  }
});

/** The sum of a metric's series carrying these labels (the service adds a `service` label of its own). */
function metricValue(exposition: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  return exposition
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => wanted.every((label) => line.slice(0, line.lastIndexOf(' ')).includes(label)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
