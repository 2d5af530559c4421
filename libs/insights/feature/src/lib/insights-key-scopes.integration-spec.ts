import { TenantAdminService } from '@pulse/tenancy';
import { EMBEDDED_ALERTS_TARGET, startAlertsApp, uniqueAlertsOptions, type AlertsAppUnderTest } from '../testing/alerts-app';

const RULE = {
  name: 'Too many failed checkouts',
  query: { metric: { type: 'event_count', events: ['checkout_failed'] } },
  condition: { kind: 'threshold', operator: 'above', value: 20 },
  granularity: 'minute',
  cooldownSeconds: 600,
  webhookUrl: 'https://hooks.example.com/pulse',
};
const SEGMENT = { name: 'Pro', definition: { traitFilters: [{ property: 'plan', operator: 'equals', value: 'pro' }] } };

describe('insights with read-only and manage secret keys', () => {
  let app: AlertsAppUnderTest;
  let dispose: () => Promise<void>;
  let manageKey: string;
  let readKey: string;
  let ruleId: string;
  let segmentId: string;

  beforeAll(async () => {
    const target = await EMBEDDED_ALERTS_TARGET.open();
    dispose = target.dispose;
    app = await startAlertsApp(target.adapters, uniqueAlertsOptions());
    const tenant = await app.createTenant();
    manageKey = tenant.secretKey;
    readKey = (await app.app.get(TenantAdminService, { strict: false }).createSecretKey(tenant.id, { scopes: ['read'] }))?.key ?? 'missing';
    ruleId = (await app.call('POST', '/v1/alerts', manageKey, RULE)).body.id;
    segmentId = (await app.call('POST', '/v1/segments', manageKey, SEGMENT)).body.id;
  });

  afterAll(async () => {
    await app?.stop();
    await dispose?.();
  });

  it('lets a read-only key query and read alert rules and segments', async () => {
    const day = '2026-03-01T00:00:00Z';
    const query = await app.call('POST', '/v1/query', readKey, {
      metric: { type: 'event_count' },
      from: day,
      to: '2026-03-02T00:00:00Z',
      granularity: 'day',
    });
    expect(query.status).toBe(200);
    expect((await app.call('GET', `/v1/alerts/${ruleId}`, readKey)).body).toMatchObject({ name: RULE.name });
    expect((await app.call('GET', `/v1/segments/${segmentId}`, readKey)).body).toMatchObject({ name: 'Pro' });
  });

  it.each([
    ['POST', '/v1/alerts', RULE],
    ['PUT', '/v1/alerts/:rule', { ...RULE, name: 'Renamed' }],
    ['DELETE', '/v1/alerts/:rule', undefined],
    ['POST', '/v1/segments', { ...SEGMENT, name: 'Other' }],
    ['DELETE', '/v1/segments/:segment', undefined],
  ])('refuses %s %s to a read-only key with 403 naming the manage scope, changing nothing', async (method, route, body) => {
    const answer = await app.call(method, route.replace(':rule', ruleId).replace(':segment', segmentId), readKey, body);

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ statusCode: 403, error: 'Forbidden', requiredScope: 'manage' });
    expect((await app.call('GET', '/v1/alerts', manageKey)).body.map((rule: { name: string }) => rule.name)).toEqual([RULE.name]);
    expect((await app.call('GET', `/v1/segments/${segmentId}`, manageKey)).body).toMatchObject({ name: 'Pro' });
  });

  it('lets a manage key change and delete alert rules and segments', async () => {
    expect((await app.call('PUT', `/v1/alerts/${ruleId}`, manageKey, { ...RULE, name: 'Renamed' })).body).toMatchObject({ name: 'Renamed' });
    expect((await app.call('DELETE', `/v1/alerts/${ruleId}`, manageKey)).status).toBeLessThan(300);
    expect((await app.call('DELETE', `/v1/segments/${segmentId}`, manageKey)).status).toBe(204);
  });
});
