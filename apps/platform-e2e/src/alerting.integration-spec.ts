import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { createHmac, randomBytes } from 'node:crypto';
import { escapeIdentifier } from 'pg';
import { cleanEnv, freePort, ProcessUnderTest } from './support/process-under-test';
import { ADMIN_DATABASE_URL, KAFKA_BROKERS, REDIS_URL, runAsAdmin, skipOldBacklog, withDatabase } from './support/test-stack';
import { startWebhookReceiver, type ReceivedWebhook } from './support/webhook-receiver';

const ADMIN_TOKEN = 'alerting-e2e-admin-token-0123456789';
const MINUTE_MS = 60_000;
const ALERT_GROUPS = ['pulse-insights.pulse.aggregates.v1', 'pulse-insights.pulse.anomalies.v1'];
/** A rule "more than 3 failed checkouts a minute"; the shop sends 6 in minute M and 6 in M + 1, none in M + 2. */
const FAILURES_PER_MINUTE = 6;

async function waitFor<T>(description: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Alerting end to end on real Kafka with the built apps: events over HTTP → ingestion → stream processor →
 * `pulse.aggregates.v1` (a closed minute) → the detector in insights (two replicas) → `pulse.anomalies.v1` →
 * the alerting service → a signed webhook received by this test's HTTP server.
 */
describe('alerting, end to end on Kafka', () => {
  const database = `pulse_e2e_alerts_${randomBytes(6).toString('hex')}`;
  const databaseUrl = withDatabase(ADMIN_DATABASE_URL, database);
  const processes: ProcessUnderTest[] = [];
  const kafka = new Kafka({ clientId: 'alerting-e2e', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  let signalsConsumer: Consumer | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;

  beforeAll(async () => {
    await skipOldBacklog('alerting-e2e-admin');
    await runAsAdmin(`CREATE DATABASE ${escapeIdentifier(database)}`);
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await signalsConsumer?.disconnect();
    await Promise.all(
      processes.map(async (started) => {
        started.signal('SIGTERM');
        await started.waitForExit(20_000).catch(() => started.kill());
      }),
    );
    await receiver?.close();
    await runAsAdmin(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
  });

  async function start(app: 'ingestion' | 'stream-processor' | 'insights', extra: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const started = new ProcessUnderTest(
      app,
      cleanEnv({ PORT: String(port), HOST: '127.0.0.1', KAFKA_BROKERS, DATABASE_URL: databaseUrl, REDIS_URL, ...extra }),
    );
    processes.push(started);
    await started.waitForOutput(new RegExp(`${app} listening on`), 90_000).catch((error: Error) => {
      throw new Error(`the built ${app} did not start (build it; Kafka, PostgreSQL and Redis must be up): ${error.message}`);
    });
    return `http://127.0.0.1:${port}`;
  }

  it(
    'posts one signed notification per incident and one recovery, for the tenant whose metric breached only',
    async () => {
      // The processor first: it migrates the fresh database. Minutes close 1 s after their end (the events are sent early).
      await start('stream-processor', { PROCESSOR_AGGREGATE_LATENESS_MS: '1000', PROCESSOR_FETCH_MIN_BYTES: '1' });
      // Two insights replicas share the alert consumer groups and the delivery queue.
      const [ingestion, insights] = await Promise.all([start('ingestion', { ADMIN_TOKEN }), start('insights'), start('insights')]);
      const admin = kafka.admin();
      await admin.connect();
      try {
        // Both insights replicas joined the detector's and the alerting service's groups.
        await waitFor(
          'the insights replicas in the alert consumer groups',
          async () => {
            const { groups } = await admin.describeGroups(ALERT_GROUPS);
            return groups.every((group) => group.state === 'Stable' && group.members.length >= 2) ? true : undefined;
          },
          90_000,
        );
      } finally {
        await admin.disconnect();
      }

      const signals: Array<Record<string, unknown>> = [];
      signalsConsumer = kafka.consumer({ groupId: `alerting-e2e-${randomBytes(4).toString('hex')}` });
      await signalsConsumer.connect();
      await signalsConsumer.subscribe({ topic: 'pulse.anomalies.v1', fromBeginning: true });
      await signalsConsumer.run({ eachMessage: async ({ message }) => void signals.push(JSON.parse(message.value?.toString() ?? '{}')) });

      const tenant = async (slug: string) => {
        const created = await fetch(`${ingestion}/v1/admin/tenants`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            slug: `${slug}-${randomBytes(4).toString('hex')}`,
            name: slug,
            timeZone: 'UTC',
            currency: 'USD',
            secretKeyScopes: ['manage'],
          }),
        });
        expect(created.status).toBe(201);
        const body = (await created.json()) as { tenant: { id: string }; writeKey: string; secretKey: { key: string } };
        return { id: body.tenant.id, writeKey: body.writeKey, secretKey: body.secretKey.key };
      };
      const shop = await tenant('alerts-shop');
      const quiet = await tenant('alerts-quiet');
      const rule = async (owner: { secretKey: string }, path: string) => {
        const created = await fetch(`${insights}/v1/alerts`, {
          method: 'POST',
          headers: { authorization: `Bearer ${owner.secretKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: 'Failed checkouts',
            query: { metric: { type: 'event_count', events: ['checkout_failed'] } },
            condition: { kind: 'threshold', operator: 'above', value: 3 },
            granularity: 'minute',
            webhookUrl: `${receiver?.url}${path}`,
          }),
        });
        expect(created.status).toBe(201);
        return (await created.json()) as { id: string; webhookSecret: string };
      };
      const shopRule = await rule(shop, '/shop');
      const quietRule = await rule(quiet, '/quiet');

      const send = async (owner: { writeKey: string }, count: number, minuteStart: number, prefix: string) => {
        const batch = Array.from({ length: count }, (_, index) => ({
          eventId: `${prefix}-${index}`,
          type: 'checkout_failed',
          timestamp: new Date(minuteStart + 1_000 + index * 100).toISOString(),
          userId: `u${index}`,
          properties: { reason: 'card_declined' },
        }));
        const answer = await fetch(`${ingestion}/v1/events/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${owner.writeKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: batch }),
        });
        expect(answer.status).toBe(202);
      };
      // Minute M is this one (the next if it ends within 10 s): no wait for a boundary. M + 1's events go now too,
      // timestamped ahead (ingestion accepts a day of skew); each minute is judged when it closes.
      const m = Math.floor((Date.now() + 10_000) / MINUTE_MS) * MINUTE_MS;
      await send(shop, FAILURES_PER_MINUTE, m, 'shop-m');
      await send(quiet, 1, m, 'quiet-m');
      await send(shop, FAILURES_PER_MINUTE, m + MINUTE_MS, 'shop-m1');

      const received = (path: string) => receiver?.received.filter((request) => request.path === path) ?? [];
      const fired = await waitFor('the fired webhook', () => received('/shop')[0], 3 * MINUTE_MS);
      await waitFor('the recovered webhook', () => received('/shop')[1], 4 * MINUTE_MS);
      const lastEvaluated = async (owner: { secretKey: string }, id: string) => {
        const shown = await fetch(`${insights}/v1/alerts/${id}`, { headers: { authorization: `Bearer ${owner.secretKey}` } });
        return ((await shown.json()) as { lastEvaluatedBucket: string | null }).lastEvaluatedBucket;
      };
      // The quiet tenant's rule judged the same minutes, breaching none.
      await waitFor(
        'the quiet tenant judged',
        async () => ((await lastEvaluated(quiet, quietRule.id)) === new Date(m + 2 * MINUTE_MS).toISOString() ? true : undefined),
        MINUTE_MS,
      );
      // One incident, one notification of each kind, both delivered: the history is the record (one row per rule,
      // incident and kind), so nothing more can come for it; no need to wait for another minute.
      const notifications = await waitFor(
        'the recovery recorded as delivered',
        async () => {
          const history = await fetch(`${insights}/v1/alerts/${shopRule.id}/history`, { headers: { authorization: `Bearer ${shop.secretKey}` } });
          const listed = ((await history.json()) as { notifications: Array<{ kind: string; status: string }> }).notifications;
          return listed[0]?.status === 'delivered' ? listed : undefined;
        },
        MINUTE_MS,
      );
      expect(notifications.map((notification) => [notification.kind, notification.status])).toEqual([
        ['recovered', 'delivered'],
        ['fired', 'delivered'],
      ]);
      await waitFor('the shop signals', () => (signals.filter((signal) => signal['tenantId'] === shop.id).length >= 3 ? true : undefined), MINUTE_MS);

      const bodies = received('/shop').map((request: ReceivedWebhook) => JSON.parse(request.body));
      expect(bodies.map((body) => [body.type, body.bucket.start, body.observed])).toEqual([
        ['alert.fired', new Date(m).toISOString(), FAILURES_PER_MINUTE],
        ['alert.recovered', new Date(m + 2 * MINUTE_MS).toISOString(), 0],
      ]);
      expect(bodies[0].incident.id).toBe(bodies[1].incident.id);
      for (const request of received('/shop')) {
        const expected = `sha256=${createHmac('sha256', shopRule.webhookSecret).update(request.body).digest('hex')}`;
        expect(request.headers['x-pulse-signature']).toBe(expected);
      }
      expect(received('/quiet')).toEqual([]);

      const shopSignals = signals.filter((signal) => signal['tenantId'] === shop.id);
      expect(shopSignals.map((signal) => [signal['kind'], signal['bucketStart']])).toEqual([
        ['fired', new Date(m).toISOString()],
        ['fired', new Date(m + MINUTE_MS).toISOString()],
        ['recovered', new Date(m + 2 * MINUTE_MS).toISOString()],
      ]);
      expect(signals.filter((signal) => signal['tenantId'] === quiet.id)).toEqual([]);

      // For the record (the bench measures it): from the anomalous minute's end to the webhook.
      process.stdout.write(`alerting e2e: fired webhook ${((fired.receivedAt - (m + MINUTE_MS)) / 1000).toFixed(1)} s after minute M closed\n`);
    },
    8 * MINUTE_MS,
  );
});
