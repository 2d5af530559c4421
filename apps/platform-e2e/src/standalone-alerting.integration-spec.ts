import { createHmac, randomBytes } from 'node:crypto';
import { cleanEnv, ProcessUnderTest } from './support/process-under-test';
import { startWebhookReceiver, type ReceivedWebhook } from './support/webhook-receiver';

const ADMIN_TOKEN = 'standalone-alerting-admin-token-0123456789';
const MINUTE_MS = 60_000;
/** The rule: more than 2 failed checkouts a minute; the minute gets 4. */
const FAILURES = 4;

async function waitFor<T>(description: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Alerting on the embedded start (`npm start`: every service in one process, the in-process bus, PGlite):
 * events over HTTP → stream processor → a closed minute on the in-process `pulse.aggregates.v1` → the
 * detector → `pulse.anomalies.v1` → a signed webhook received by this test's HTTP server. Minutes close
 * at their end (the lowest lateness, 0), so the wait is the rest of one minute.
 */
describe('alerting on the embedded start (npm start)', () => {
  let pulse: ProcessUnderTest | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;

  afterEach(async () => {
    await pulse?.kill();
    await receiver?.close();
  });

  it(
    'posts a signed alert.fired to the rule’s webhook once a breaching minute closes',
    async () => {
      receiver = await startWebhookReceiver();
      pulse = new ProcessUnderTest(
        'standalone',
        cleanEnv({ PULSE_BASE_PORT: '0', PULSE_DEMO: 'false', PULSE_ADMIN_TOKEN: ADMIN_TOKEN, PROCESSOR_AGGREGATE_LATENESS_MS: '0' }),
      );
      await pulse.waitForOutput(/Press Ctrl-C to stop/, 90_000);
      const url = (service: string) => {
        const match = pulse?.stdout.match(new RegExp(`^\\s+${service}\\s+(http://\\S+)`, 'm'));
        if (!match) throw new Error(`no ${service} URL in the banner:\n${pulse?.stdout}`);
        return match[1];
      };

      const created = await fetch(`${url('ingestion')}/v1/admin/tenants`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          slug: `alerts-${randomBytes(4).toString('hex')}`,
          name: 'Alerts',
          timeZone: 'UTC',
          currency: 'USD',
          secretKeyScopes: ['manage'],
        }),
      });
      expect(created.status).toBe(201);
      const tenant = (await created.json()) as { tenant: { id: string }; writeKey: string; secretKey: { key: string } };

      const ruleAnswer = await fetch(`${url('insights')}/v1/alerts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.secretKey.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Failed checkouts',
          query: { metric: { type: 'event_count', events: ['checkout_failed'] } },
          condition: { kind: 'threshold', operator: 'above', value: 2 },
          granularity: 'minute',
          webhookUrl: `${receiver.url}/standalone`,
        }),
      });
      expect(ruleAnswer.status).toBe(201);
      const rule = (await ruleAnswer.json()) as { id: string; webhookSecret: string };

      // The breaching minute: this one, unless it ends within 5 s (then the next; a timestamp ahead is accepted).
      const minute = Math.floor((Date.now() + 5_000) / MINUTE_MS) * MINUTE_MS;
      const sent = await fetch(`${url('ingestion')}/v1/events/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.writeKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: Array.from({ length: FAILURES }, (_, index) => ({
            eventId: `failed-${index}`,
            type: 'checkout_failed',
            timestamp: new Date(minute + 1_000 + index * 100).toISOString(),
            userId: `u${index}`,
            properties: { reason: 'card_declined' },
          })),
        }),
      });
      expect(sent.status).toBe(202);

      const fired: ReceivedWebhook = await waitFor(
        'the fired webhook',
        () => receiver?.received.find((request) => request.path === '/standalone'),
        3 * MINUTE_MS,
      );
      expect(fired.headers['x-pulse-signature']).toBe(`sha256=${createHmac('sha256', rule.webhookSecret).update(fired.body).digest('hex')}`);
      expect(JSON.parse(fired.body)).toMatchObject({
        type: 'alert.fired',
        tenantId: tenant.tenant.id,
        rule: { id: rule.id, name: 'Failed checkouts', granularity: 'minute' },
        bucket: { start: new Date(minute).toISOString(), end: new Date(minute + MINUTE_MS).toISOString() },
        observed: FAILURES,
        upper: 2,
      });

      pulse.signal('SIGINT');
      expect((await pulse.waitForExit(30_000)).code).toBe(0);
    },
    6 * MINUTE_MS,
  );
});
