import { decodeAnomalySignal, encodeMinuteAggregate, type AnomalySignal, type MinuteAggregate } from '@pulse/contracts';
import type { Subscription } from '@pulse/messaging';
import { EMBEDDED_ALERTS_TARGET, KAFKA_ALERTS_TARGET, startAlertsApp, uniqueAlertsOptions, type AlertsAppUnderTest } from '../../testing/alerts-app';
import { storeQueryEvents, type QueryFixtureEvent } from '@pulse/storage/testing';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';
import { webhookSignature } from '@pulse/platform';

const WAIT_MS = 60_000;
const MINUTE_MS = 60_000;
const T0 = Date.parse('2026-03-10T10:00:00Z');
const minute = (index: number) => new Date(T0 + index * MINUTE_MS).toISOString();

/**
 * Failed checkouts per minute of the shop (UTC): 1, 5, 4, 0, 3 at 10:00 … 10:04. A rule "more than 2 a
 * minute" breaches at 10:01–10:02 (one incident), clears at 10:03 (recovered) and breaches again at
 * 10:04 (a second incident). The other tenant has 1 at 10:01 and the same rule: it never fires.
 */
const SHOP_FAILURES = [1, 5, 4, 0, 3];

async function waitFor<T>(description: string, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each([EMBEDDED_ALERTS_TARGET, KAFKA_ALERTS_TARGET])('alert detection and webhooks on $name', (target) => {
  let app: AlertsAppUnderTest;
  let dispose: () => Promise<void>;
  let receiver: WebhookReceiver;
  let signalsSubscription: Subscription;
  const signals: AnomalySignal[] = [];
  const rules: Record<string, { id: string; webhookSecret: string }> = {};
  let shop: { id: string; secretKey: string };
  let other: { id: string; secretKey: string };
  let publishMinute: (index: number) => Promise<void>;

  const threshold = { kind: 'threshold', operator: 'above', value: 2 };
  const query = { metric: { type: 'event_count', events: ['checkout_failed'] } };
  const aggregate = (tenantId: string, index: number): MinuteAggregate => ({
    schemaVersion: 1,
    tenantId,
    minuteStart: minute(index),
    closedAt: minute(index + 1),
    events: 0,
    eventsByType: {},
    activeUsers: 0,
    orders: 0,
    revenue: 0,
    currency: 'USD',
    conversations: 0,
    requests: 0,
    errors: 0,
    errorRate: null,
    latencyP95Ms: null,
  });
  const received = (path: string) => receiver.received.filter((request) => request.path === path);
  const delivered = (path: string) => receiver.accepted(path);

  beforeAll(async () => {
    const opened = await target.open();
    dispose = opened.dispose;
    const bus = opened.adapters.bus;
    receiver = await startWebhookReceiver();
    // The second rule's webhook fails twice before it answers.
    receiver.failNext('/r2', 503, 500);
    app = await startAlertsApp(opened.adapters, uniqueAlertsOptions());
    shop = await app.createTenant();
    other = await app.createTenant();
    const create = async (tenant: { secretKey: string }, name: string, path: string, cooldownSeconds: number) => {
      const answer = await app.call('POST', '/v1/alerts', tenant.secretKey, {
        name,
        query,
        condition: threshold,
        granularity: 'minute',
        cooldownSeconds,
        webhookUrl: `${receiver.url}${path}`,
      });
      expect(answer.status).toBe(201);
      rules[path] = answer.body;
    };
    await create(shop, 'no cooldown', '/r1', 0);
    await create(shop, 'ten minute cooldown', '/r2', 600);
    await create(other, 'other tenant', '/r3', 0);
    // Edited (name, cooldown, webhook) while its second incident is open: it keeps the incident.
    await create(shop, 'kept across an edit', '/r4', 0);

    const events: QueryFixtureEvent[] = SHOP_FAILURES.flatMap((count, index) =>
      Array.from({ length: count }, (_, n) => ({
        id: `s-${index}-${n}`,
        type: 'checkout_failed',
        at: minute(index + 0.5),
        user: `u${n}`,
        device: null,
      })),
    );
    await storeQueryEvents(opened.adapters.store.dataSource, { id: shop.id, timeZone: 'UTC', currency: 'USD' }, events);
    await storeQueryEvents(opened.adapters.store.dataSource, { id: other.id, timeZone: 'UTC', currency: 'USD' }, [
      { id: 'o-1', type: 'checkout_failed', at: minute(1.5), user: 'x', device: null },
    ]);

    await bus.ensureTopics([app.options.topics.anomalies]);
    signalsSubscription = await bus.subscribe({
      groupId: `${app.options.groupIdPrefix}-observer`,
      topics: [app.options.topics.anomalies],
      handleBatch: async (messages) => {
        for (const message of messages) {
          const decoded = decodeAnomalySignal(message.value);
          if (decoded.ok) signals.push(decoded.signal);
        }
      },
    });
    // Minutes close in order, as the processor publishes them; 10:01 arrives twice (a repeated aggregate).
    publishMinute = (index) =>
      bus.publish(
        app.options.topics.aggregates,
        [shop.id, other.id].map((tenantId) => ({ key: tenantId, value: encodeMinuteAggregate(aggregate(tenantId, index)) })),
      );
    for (const index of [0, 1, 1, 2, 3, 4]) await publishMinute(index);
    await waitFor('the last minute judged', async () => {
      const shown = await app.call('GET', `/v1/alerts/${rules['/r2'].id}`, shop.secretKey);
      return shown.body.lastEvaluatedBucket === minute(4) ? true : undefined;
    });
    await waitFor('every signal handled', async () => {
      const history = await app.call('GET', `/v1/alerts/${rules['/r2'].id}/history`, shop.secretKey);
      return history.body.notifications.length === 3 ? true : undefined;
    });
    await waitFor('the deliveries', () =>
      delivered('/r1').length === 3 && delivered('/r2').length === 2 && delivered('/r4').length === 3 ? true : undefined,
    );
    await app.deliveriesIdle();
  }, 120_000);

  afterAll(async () => {
    await signalsSubscription?.close();
    await app?.stop();
    await receiver?.close();
    await dispose?.();
  });

  it('publishes fired for every breaching minute and recovered once, under one incident id per incident', () => {
    const ofRule = signals.filter((signal) => signal.ruleId === rules['/r1'].id);
    expect(ofRule.map((signal) => [signal.kind, signal.bucketStart, signal.observed])).toEqual([
      ['fired', minute(1), 5],
      ['fired', minute(2), 4],
      ['recovered', minute(3), 0],
      ['fired', minute(4), 3],
    ]);
    expect(ofRule[0].incidentId).toBe(ofRule[1].incidentId);
    expect(ofRule[2].incidentId).toBe(ofRule[0].incidentId);
    expect(ofRule[3].incidentId).not.toBe(ofRule[0].incidentId);
    expect(ofRule[0]).toMatchObject({
      upper: 2,
      lower: null,
      severity: 'critical',
      condition: threshold,
      incidentStartedAt: minute(1),
      bucketEnd: minute(2),
    });
  });

  it('posts one notification per incident and one recovery, signed with the rule’s secret', () => {
    const requests = received('/r1');
    expect(requests.map((request) => JSON.parse(request.body)).map((body) => [body.type, body.bucket.start, body.observed])).toEqual([
      ['alert.fired', minute(1), 5],
      ['alert.recovered', minute(3), 0],
      ['alert.fired', minute(4), 3],
    ]);
    for (const request of requests) {
      expect(request.headers['x-pulse-signature']).toBe(webhookSignature(rules['/r1'].webhookSecret, request.body));
      expect(request.headers['content-type']).toBe('application/json');
    }
    expect(JSON.parse(requests[0].body)).toMatchObject({
      tenantId: shop.id,
      rule: { id: rules['/r1'].id, name: 'no cooldown', granularity: 'minute', condition: threshold },
      incident: { startedAt: minute(1) },
      bucket: { start: minute(1), end: minute(2) },
      upper: 2,
      severity: 'critical',
    });
  });

  it('retries a failing webhook with the same delivery id until it answers 2xx, each attempt in the history', async () => {
    const requests = received('/r2');
    // The recovery waits for the incident's fired to be delivered: the three attempts come first.
    expect(requests.map((request) => [JSON.parse(request.body).type, request.status])).toEqual([
      ['alert.fired', 503],
      ['alert.fired', 500],
      ['alert.fired', 204],
      ['alert.recovered', 204],
    ]);
    expect(new Set(requests.slice(0, 3).map((request) => request.headers['x-pulse-delivery'])).size).toBe(1);
    const history = await app.call('GET', `/v1/alerts/${rules['/r2'].id}/history`, shop.secretKey);
    const fired = history.body.notifications.find((item: { kind: string; status: string }) => item.kind === 'fired' && item.status === 'delivered');
    expect(fired).toMatchObject({ attempts: 3, lastError: 'HTTP 500', id: requests[0].headers['x-pulse-delivery'] });
    expect(fired.attemptLog.map((attempt: { httpStatus: number }) => attempt.httpStatus)).toEqual([503, 500, 204]);
  });

  it('holds back an incident that starts within the cooldown, and its recovery, recording it as suppressed', async () => {
    const history = await app.call('GET', `/v1/alerts/${rules['/r2'].id}/history`, shop.secretKey);
    expect(
      history.body.notifications.map((item: { kind: string; status: string; bucketStart: string }) => [item.kind, item.status, item.bucketStart]),
    ).toEqual([
      ['fired', 'suppressed', minute(4)],
      ['recovered', 'delivered', minute(3)],
      ['fired', 'delivered', minute(1)],
    ]);
    expect(delivered('/r2').map((request) => JSON.parse(request.body).type)).toEqual(['alert.fired', 'alert.recovered']);
  });

  it('sends nothing for another tenant whose metric stayed under the threshold', async () => {
    expect(received('/r3')).toEqual([]);
    expect(signals.filter((signal) => signal.tenantId === other.id)).toEqual([]);
    expect((await app.call('GET', `/v1/alerts/${rules['/r3'].id}`, other.secretKey)).body).toMatchObject({
      state: 'ok',
      lastEvaluatedBucket: minute(4),
    });
  });

  it('shows the rule firing while its incident is open', async () => {
    const shown = await app.call('GET', `/v1/alerts/${rules['/r1'].id}`, shop.secretKey);
    expect(shown.body).toMatchObject({ state: 'firing', openIncident: { startedAt: minute(4) } });
  });

  const put = (path: string, body: Record<string, unknown>) =>
    app.call('PUT', `/v1/alerts/${rules[path].id}`, shop.secretKey, {
      name: 'no cooldown',
      query,
      condition: threshold,
      granularity: 'minute',
      cooldownSeconds: 0,
      webhookUrl: `${receiver.url}${path}`,
      ...body,
    });

  it('ends the open incident when an edit changes what the rule watches, notifying its recovery once with reason rule_changed', async () => {
    const incidentId = JSON.parse(delivered('/r1')[2].body).incident.id;
    const edited = await put('/r1', { condition: { ...threshold, value: 10 } });
    expect(edited.body).toMatchObject({ state: 'ok', openIncident: null, lastEvaluatedBucket: null });
    // The same edit again: the incident is already over, nothing more is sent.
    expect((await put('/r1', { condition: { ...threshold, value: 10 } })).status).toBe(200);
    await waitFor('the recovery of the edit', () => (delivered('/r1').length === 4 ? true : undefined));
    await app.deliveriesIdle();
    const recovery = delivered('/r1')[3];
    expect(recovery.headers['x-pulse-signature']).toBe(webhookSignature(rules['/r1'].webhookSecret, recovery.body));
    expect(JSON.parse(recovery.body)).toMatchObject({
      type: 'alert.recovered',
      reason: 'rule_changed',
      incident: { id: incidentId, startedAt: minute(4) },
      // The last bucket judged under the old condition; nothing was judged since.
      bucket: { start: minute(4), end: minute(5) },
      rule: { name: 'no cooldown', condition: threshold },
      observed: null,
    });
    const history = await app.call('GET', `/v1/alerts/${rules['/r1'].id}/history`, shop.secretKey);
    const ofIncident = history.body.notifications.filter((item: { incidentId: string }) => item.incidentId === incidentId);
    expect(ofIncident.map((item: { kind: string }) => item.kind)).toEqual(['recovered', 'fired']);
  });

  it('keeps the open incident through an edit of name, cooldown and webhook, and notifies its recovery when the metric clears', async () => {
    const incidentId = JSON.parse(delivered('/r4')[2].body).incident.id;
    const edited = await put('/r4', { name: 'renamed', cooldownSeconds: 60, webhookUrl: `${receiver.url}/r4-new` });
    expect(edited.body).toMatchObject({ state: 'firing', openIncident: { id: incidentId, startedAt: minute(4) }, lastEvaluatedBucket: minute(4) });
    // 10:05 has no failed checkout: the incident clears.
    await publishMinute(5);
    await waitFor('the recovery after the edit', () => (delivered('/r4-new').length === 1 ? true : undefined));
    const recovery = JSON.parse(delivered('/r4-new')[0].body);
    expect(recovery).toMatchObject({
      type: 'alert.recovered',
      incident: { id: incidentId },
      bucket: { start: minute(5) },
      rule: { name: 'renamed' },
      observed: 0,
    });
    expect(recovery.reason).toBeUndefined();
  });
});
