import { EMBEDDED_ALERTS_TARGET, startAlertsApp, uniqueAlertsOptions, type AlertsAppUnderTest } from '../../testing/alerts-app';

const rule = {
  name: 'Too many failed checkouts',
  query: { metric: { type: 'event_count', events: ['checkout_failed'] } },
  condition: { kind: 'threshold', operator: 'above', value: 20 },
  granularity: 'minute',
  cooldownSeconds: 600,
  webhookUrl: 'https://hooks.example.com/pulse',
};

describe('alert rules API (/v1/alerts)', () => {
  let app: AlertsAppUnderTest;
  let dispose: () => Promise<void>;
  let shop: { id: string; secretKey: string };
  let other: { id: string; secretKey: string };

  beforeAll(async () => {
    const target = await EMBEDDED_ALERTS_TARGET.open();
    dispose = target.dispose;
    app = await startAlertsApp(target.adapters, uniqueAlertsOptions());
    shop = await app.createTenant({ timeZone: 'Europe/Berlin' });
    other = await app.createTenant();
  });

  afterAll(async () => {
    await app?.stop();
    await dispose?.();
  });

  it('creates a rule and shows its webhook secret once, never again', async () => {
    const created = await app.call('POST', '/v1/alerts', shop.secretKey, rule);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...rule,
      enabled: true,
      state: 'ok',
      openIncident: null,
      lastEvaluatedBucket: null,
      webhookSecret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{32}$/),
    });
    const shown = await app.call('GET', `/v1/alerts/${created.body.id}`, shop.secretKey);
    expect(shown.status).toBe(200);
    expect(shown.body).not.toHaveProperty('webhookSecret');
    const listed = await app.call('GET', '/v1/alerts', shop.secretKey);
    expect(listed.body.map((item: { id: string }) => item.id)).toContain(created.body.id);
    expect(listed.body.every((item: object) => !('webhookSecret' in item))).toBe(true);
  });

  it('replaces a rule with PUT and deletes it', async () => {
    const { body: created } = await app.call('POST', '/v1/alerts', shop.secretKey, rule);
    const replaced = await app.call('PUT', `/v1/alerts/${created.id}`, shop.secretKey, {
      ...rule,
      name: 'Orders stop',
      query: { metric: { type: 'event_count', events: ['purchase'] }, filters: [{ field: 'device_type', operator: 'equals', value: 'mobile' }] },
      condition: { kind: 'threshold', operator: 'below', value: 1 },
      granularity: 'hour',
      enabled: false,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id: created.id,
      name: 'Orders stop',
      granularity: 'hour',
      enabled: false,
      condition: { kind: 'threshold', operator: 'below', value: 1 },
    });
    expect((await app.call('DELETE', `/v1/alerts/${created.id}`, shop.secretKey)).status).toBe(204);
    expect((await app.call('GET', `/v1/alerts/${created.id}`, shop.secretKey)).status).toBe(404);
    expect((await app.call('DELETE', `/v1/alerts/${created.id}`, shop.secretKey)).status).toBe(404);
  });

  it('answers an empty history for a rule that never fired', async () => {
    const { body: created } = await app.call('POST', '/v1/alerts', shop.secretKey, rule);
    expect(await app.call('GET', `/v1/alerts/${created.id}/history`, shop.secretKey)).toEqual({ status: 200, body: { notifications: [] } });
  });

  it('never shows, changes or deletes another tenant’s rule: 404 as for a rule that does not exist', async () => {
    const { body: created } = await app.call('POST', '/v1/alerts', shop.secretKey, rule);
    for (const [method, path, body] of [
      ['GET', `/v1/alerts/${created.id}`, undefined],
      ['PUT', `/v1/alerts/${created.id}`, rule],
      ['DELETE', `/v1/alerts/${created.id}`, undefined],
      ['GET', `/v1/alerts/${created.id}/history`, undefined],
    ] as const) {
      expect({ method, status: (await app.call(method, path, other.secretKey, body)).status }).toEqual({ method, status: 404 });
    }
    expect((await app.call('GET', '/v1/alerts', other.secretKey)).body).toEqual([]);
    expect((await app.call('GET', `/v1/alerts/${created.id}`, shop.secretKey)).body.name).toBe(rule.name);
  });

  it('answers 401 without a secret key', async () => {
    expect((await app.call('GET', '/v1/alerts', null)).status).toBe(401);
    expect((await app.call('POST', '/v1/alerts', null, rule)).status).toBe(401);
  });

  const rejects = async (body: unknown) => {
    const answer = await app.call('POST', '/v1/alerts', shop.secretKey, body);
    expect(answer.status).toBe(400);
    return answer.body.errors.map((error: { field: string; rule: string }) => `${error.field} ${error.rule}`);
  };

  it.each([
    ['a missing name', { ...rule, name: undefined }, 'name isString'],
    ['an unknown granularity', { ...rule, granularity: 'week' }, 'granularity isIn'],
    ['a threshold without value', { ...rule, condition: { kind: 'threshold', operator: 'above' } }, 'condition.value isNumber'],
    ['an unknown operator', { ...rule, condition: { kind: 'threshold', operator: 'over', value: 1 } }, 'condition.operator isIn'],
    ['an unknown condition kind', { ...rule, condition: { kind: 'spike' } }, 'condition.kind isIn'],
    ['a sensitivity out of range', { ...rule, condition: { kind: 'anomaly', sensitivity: 1.5 } }, 'condition.sensitivity max'],
    ['an unknown anomaly method', { ...rule, condition: { kind: 'anomaly', method: 'prophet' } }, 'condition.method isIn'],
    ['a negative cooldown', { ...rule, cooldownSeconds: -1 }, 'cooldownSeconds min'],
    ['a webhook that is not http(s)', { ...rule, webhookUrl: 'ftp://hooks.example.com/pulse' }, 'webhookUrl isUrl'],
    ['a webhook that is no URL', { ...rule, webhookUrl: 'hooks' }, 'webhookUrl isUrl'],
    ['an unknown metric type', { ...rule, query: { metric: { type: 'median' } } }, 'query.metric.type isIn'],
    ['a query that groups', { ...rule, query: { ...rule.query, groupBy: ['device_type'] } }, 'query.groupBy isUnknownField'],
    ['a query without metric or series', { ...rule, query: {} }, 'query.metric isDefined'],
  ])('refuses %s, naming the field and the rule', async (_case, body, expected) => {
    expect(await rejects(body)).toContain(expected);
  });

  it('refuses a query the engine refuses, named under query', async () => {
    const errors = await rejects({ ...rule, query: { metric: { type: 'aggregate', events: ['purchase'], field: 'properties.revenue' } } });
    expect(errors.some((error: string) => error.startsWith('query.metric.aggregation'))).toBe(true);
  });

  it('refuses several series without a formula: a rule watches one line', async () => {
    const series = [{ metric: { type: 'event_count' } }, { metric: { type: 'unique_users' } }];
    expect(await rejects({ ...rule, query: { series } })).toEqual(['query.series watchesOneLine']);
    const ratio = await app.call('POST', '/v1/alerts', shop.secretKey, { ...rule, query: { series, formulas: [{ formula: 'A / B' }] } });
    expect(ratio.status).toBe(201);
  });

  it('refuses a webhook pointing at this service itself, by its address or by the host the request named', async () => {
    const port = new URL(app.url).port;
    for (const webhookUrl of [`${app.url}/v1/alerts`, `http://localhost:${port}/hook`, `http://[::1]:${port}/hook`]) {
      expect({ webhookUrl, errors: await rejects({ ...rule, webhookUrl }) }).toEqual({ webhookUrl, errors: ['webhookUrl isNotThisService'] });
    }
    const elsewhere = await app.call('POST', '/v1/alerts', shop.secretKey, { ...rule, webhookUrl: `http://127.0.0.1:${Number(port) + 1}/hook` });
    expect(elsewhere.status).toBe(201);
  });

  it('refuses an id that is no rule of the tenant with 404, also when it is no UUID', async () => {
    expect((await app.call('GET', '/v1/alerts/not-a-uuid', shop.secretKey)).status).toBe(404);
    expect((await app.call('GET', '/v1/alerts/00000000-0000-4000-8000-000000000000/history', shop.secretKey)).status).toBe(404);
  });
});
