import { encodeMinuteAggregate, type MinuteAggregate } from '@pulse/contracts';
import { seededRandom } from '@pulse/analytics-core';
import { EMBEDDED_ALERTS_TARGET, startAlertsApp, uniqueAlertsOptions, type AlertsAppUnderTest } from '../../testing/alerts-app';
import { storeQueryEvents, type QueryFixtureEvent } from '@pulse/storage/testing';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';

const MINUTE_MS = 60_000;
const T0 = Date.parse('2026-03-10T08:00:00Z');
const minute = (index: number) => new Date(T0 + index * MINUTE_MS).toISOString();
/** 8 to 12 page views a minute for 70 minutes, then 40 at minute 70 (10:10). */
const SPIKE = 70;

describe('an anomaly rule', () => {
  let app: AlertsAppUnderTest;
  let dispose: () => Promise<void>;
  let receiver: WebhookReceiver;
  let shop: { id: string; secretKey: string };
  const query = { metric: { type: 'event_count', events: ['page_view'] } };

  beforeAll(async () => {
    const opened = await EMBEDDED_ALERTS_TARGET.open();
    dispose = opened.dispose;
    receiver = await startWebhookReceiver();
    app = await startAlertsApp(opened.adapters, uniqueAlertsOptions());
    shop = await app.createTenant();
    const created = await app.call('POST', '/v1/alerts', shop.secretKey, {
      name: 'Traffic anomaly',
      query,
      condition: { kind: 'anomaly', method: 'zscore', sensitivity: 0.5 },
      granularity: 'minute',
      webhookUrl: `${receiver.url}/anomaly`,
    });
    expect(created.status).toBe(201);
    const random = seededRandom(11);
    const events: QueryFixtureEvent[] = [];
    for (let index = 0; index <= SPIKE; index++) {
      const count = index === SPIKE ? 40 : 8 + Math.floor(random() * 5);
      for (let n = 0; n < count; n++)
        events.push({ id: `v-${index}-${n}`, type: 'page_view', at: minute(index + n / 100), user: `u${n}`, device: null });
    }
    await storeQueryEvents(opened.adapters.store.dataSource, { id: shop.id, timeZone: 'UTC', currency: 'USD' }, events);
    const aggregate: MinuteAggregate = {
      schemaVersion: 1,
      tenantId: shop.id,
      minuteStart: minute(SPIKE),
      closedAt: minute(SPIKE + 1),
      events: 40,
      eventsByType: { page_view: 40 },
      activeUsers: 40,
      orders: 0,
      revenue: 0,
      currency: 'USD',
      conversations: 0,
      requests: 0,
      errors: 0,
      errorRate: null,
      latencyP95Ms: null,
    };
    await opened.adapters.bus.publish(app.options.topics.aggregates, [{ key: shop.id, value: encodeMinuteAggregate(aggregate) }]);
    const deadline = Date.now() + 60_000;
    while (receiver.accepted('/anomaly').length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
    await dispose?.();
  });

  it('fires on the spike with exactly the verdict the anomaly scan API reports for that minute', async () => {
    const [delivered] = receiver.accepted('/anomaly');
    const payload = JSON.parse(delivered.body);
    const scanned = await app.call('POST', '/v1/ml/anomalies', shop.secretKey, {
      query: { ...query, from: minute(SPIKE), to: minute(SPIKE + 1), granularity: 'minute' },
      method: 'zscore',
      sensitivity: 0.5,
    });
    expect(scanned.status).toBe(200);
    const verdict = scanned.body.anomalies.find((anomaly: { time: string }) => anomaly.time === minute(SPIKE));
    expect(verdict).toBeDefined();
    expect(payload).toMatchObject({
      type: 'alert.fired',
      method: 'zscore',
      bucket: { start: minute(SPIKE), end: minute(SPIKE + 1) },
      observed: 40,
      expected: verdict.expected,
      lower: verdict.lower,
      upper: verdict.upper,
      score: verdict.score,
      severity: verdict.severity,
    });
  });
});
