import { TenantAuthService } from '@pulse/tenancy';
import { basicUser, bearer, send } from '../../testing/http-client';
import { ADMIN_TOKEN, startEmbeddedIngestion, type IngestionUnderTest } from '../../testing/ingestion-app';
import { createTenant } from '../../testing/tenants';

const UNKNOWN_ID = '6f1c7d1e-0000-4000-8000-000000000000';

function trackOf(userId: string) {
  return { type: 'search', timestamp: new Date().toISOString(), userId, properties: { query: 'shoes' } };
}

describe('admin API (embedded adapters)', () => {
  let app: IngestionUnderTest;

  beforeAll(async () => {
    app = await startEmbeddedIngestion();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('creates a tenant and shows its write key and first secret key once', async () => {
    const answer = await send(`${app.url}/v1/admin/tenants`, {
      headers: bearer(ADMIN_TOKEN),
      json: { slug: 'acme-shop', name: 'Acme Shop', timeZone: 'Europe/Berlin', currency: 'EUR' },
    });

    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      tenant: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        slug: 'acme-shop',
        name: 'Acme Shop',
        timeZone: 'Europe/Berlin',
        currency: 'EUR',
        schemaPolicy: 'lenient',
        storeMessageText: false,
        suppressErasedUsers: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      writeKey: expect.stringMatching(/^pwk_/),
      secretKey: { id: expect.any(String), label: 'default', key: expect.stringMatching(/^psk_/), createdAt: expect.any(String), revokedAt: null, scopes: ['read'] },
    });
    const shown = await send(`${app.url}/v1/admin/tenants/${answer.body.tenant.id}`, { headers: bearer(ADMIN_TOKEN) });
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain(answer.body.writeKey);
    expect(JSON.stringify(shown.body)).not.toContain(answer.body.secretKey.key);
    expect(shown.body.secretKeys).toEqual([{ id: answer.body.secretKey.id, label: 'default', createdAt: expect.any(String), revokedAt: null, scopes: ['read'] }]);
  });

  it('lists tenants by slug', async () => {
    const answer = await send(`${app.url}/v1/admin/tenants`, { headers: bearer(ADMIN_TOKEN) });

    expect(answer.status).toBe(200);
    expect(answer.body.map((tenant: { slug: string }) => tenant.slug)).toContain('acme-shop');
  });

  it('answers 409 for a slug that is taken', async () => {
    const answer = await send(`${app.url}/v1/admin/tenants`, {
      headers: bearer(ADMIN_TOKEN),
      json: { slug: 'acme-shop', name: 'Copy', timeZone: 'UTC', currency: 'USD' },
    });

    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'a tenant with slug "acme-shop" already exists' });
  });

  it('answers 400 naming each bad field and the rule it broke', async () => {
    const answer = await send(`${app.url}/v1/admin/tenants`, {
      headers: bearer(ADMIN_TOKEN),
      json: { slug: 'Bad Slug', timeZone: '+02:00', currency: 'euro', colour: 'red' },
    });

    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: { field: string; rule: string }) => [error.field, error.rule])).toEqual([
      ['colour', 'isUnknownField'],
      ['slug', 'isTenantSlug'],
      ['name', 'isDefined'],
      ['timeZone', 'isIanaTimeZone'],
      ['currency', 'isCurrencyCode'],
    ]);
    expect(answer.body.message).toContain('timeZone must be an IANA time zone name');
  });

  it('refuses a missing admin token and a wrong one with 401', async () => {
    expect((await send(`${app.url}/v1/admin/tenants`)).status).toBe(401);
    const wrong = await send(`${app.url}/v1/admin/tenants`, { headers: bearer('not-the-admin-token') });
    expect(wrong).toMatchObject({ status: 401, body: { message: 'The admin token is not valid.' } });
  });

  it('answers 404 for an unknown tenant', async () => {
    expect((await send(`${app.url}/v1/admin/tenants/${UNKNOWN_ID}`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(404);
    expect((await send(`${app.url}/v1/admin/tenants/not-a-uuid`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(404);
    const rotate = await send(`${app.url}/v1/admin/tenants/${UNKNOWN_ID}/write-key/rotate`, { method: 'POST', headers: bearer(ADMIN_TOKEN) });
    expect(rotate.status).toBe(404);
  });

  it('rotates the write key: the old one gets 401 at once, the new one 202', async () => {
    const tenant = await createTenant(app.url);
    expect((await send(`${app.url}/v1/events`, { headers: bearer(tenant.writeKey), json: trackOf('u1') })).status).toBe(202);

    const rotated = await send(`${app.url}/v1/admin/tenants/${tenant.id}/write-key/rotate`, { method: 'POST', headers: bearer(ADMIN_TOKEN) });

    expect(rotated.status).toBe(200);
    expect(rotated.body.writeKey).toMatch(/^pwk_/);
    expect((await send(`${app.url}/v1/events`, { headers: bearer(tenant.writeKey), json: trackOf('u1') })).status).toBe(401);
    expect((await send(`${app.url}/v1/events`, { headers: basicUser(rotated.body.writeKey), json: trackOf('u1') })).status).toBe(202);
  });

  it('issues a first key that may manage when asked, and further keys read-only unless scopes says manage', async () => {
    const created = await send(`${app.url}/v1/admin/tenants`, {
      headers: bearer(ADMIN_TOKEN),
      json: { slug: 'scoped-shop', name: 'Scoped', timeZone: 'UTC', currency: 'USD', secretKeyScopes: ['manage'] },
    });
    const id = created.body.tenant.id;
    const reader = await send(`${app.url}/v1/admin/tenants/${id}/secret-keys`, { headers: bearer(ADMIN_TOKEN), json: { label: 'wallboard' } });
    const manager = await send(`${app.url}/v1/admin/tenants/${id}/secret-keys`, { headers: bearer(ADMIN_TOKEN), json: { scopes: ['read', 'manage'] } });

    expect(created.body.secretKey.scopes).toEqual(['read', 'manage']);
    expect([reader.status, reader.body.scopes]).toEqual([201, ['read']]);
    expect([manager.status, manager.body.scopes]).toEqual([201, ['read', 'manage']]);
    const shown = await send(`${app.url}/v1/admin/tenants/${id}`, { headers: bearer(ADMIN_TOKEN) });
    expect(shown.body.secretKeys.map((key: { scopes: string[] }) => key.scopes)).toEqual([['read', 'manage'], ['read'], ['read', 'manage']]);
  });

  it('answers 400 naming the field for scopes that are not read or manage, empty or repeated', async () => {
    const tenant = await createTenant(app.url);
    const issue = async (json: unknown) => (await send(`${app.url}/v1/admin/tenants/${tenant.id}/secret-keys`, { headers: bearer(ADMIN_TOKEN), json })).body;
    const fieldsAndRules = (body: { errors?: Array<{ field: string; rule: string }> }) => body.errors?.map((error) => [error.field, error.rule]);

    expect(fieldsAndRules(await issue({ scopes: ['admin'] }))).toEqual([['scopes', 'isIn']]);
    expect(fieldsAndRules(await issue({ scopes: [] }))).toEqual([['scopes', 'arrayNotEmpty']]);
    expect(fieldsAndRules(await issue({ scopes: ['read', 'read'] }))).toEqual([['scopes', 'arrayUnique']]);
    expect(fieldsAndRules(await issue({ scopes: 'manage' }))).toEqual(expect.arrayContaining([['scopes', 'isArray']]));
    const tenantBody = { slug: 'bad-scopes', name: 'Bad', timeZone: 'UTC', currency: 'USD', secretKeyScopes: ['write'] };
    const refused = await send(`${app.url}/v1/admin/tenants`, { headers: bearer(ADMIN_TOKEN), json: tenantBody });
    expect([refused.status, fieldsAndRules(refused.body)]).toEqual([400, [['secretKeyScopes', 'isIn']]]);
  });

  it('adds secret keys and revokes them at once or after a grace period', async () => {
    const tenant = await createTenant(app.url);
    const auth = app.running.app.get(TenantAuthService);
    const created = await send(`${app.url}/v1/admin/tenants/${tenant.id}/secret-keys`, {
      headers: bearer(ADMIN_TOKEN),
      json: { label: 'dashboards' },
    });
    expect(created).toMatchObject({ status: 201, body: { label: 'dashboards', key: expect.stringMatching(/^psk_/), revokedAt: null } });
    expect(await auth.authenticateSecretKey(created.body.key)).toMatchObject({ id: tenant.id, timeZone: 'Europe/Berlin', currency: 'EUR' });

    const graceful = await send(`${app.url}/v1/admin/tenants/${tenant.id}/secret-keys/${tenant.secretKeyId}?graceSeconds=3600`, {
      method: 'DELETE',
      headers: bearer(ADMIN_TOKEN),
    });
    const immediate = await send(`${app.url}/v1/admin/tenants/${tenant.id}/secret-keys/${created.body.id}`, {
      method: 'DELETE',
      headers: bearer(ADMIN_TOKEN),
    });

    expect(graceful.status).toBe(200);
    expect(Date.parse(graceful.body.revokedAt) - Date.parse(graceful.body.createdAt)).toBeGreaterThanOrEqual(3_600_000);
    expect(immediate.status).toBe(200);
    expect(await auth.authenticateSecretKey(tenant.secretKey)).toMatchObject({ id: tenant.id });
    expect(await auth.authenticateSecretKey(created.body.key)).toBeNull();
  });

  it("changes the schema policy, and ingestion applies it at once: strict refuses what lenient stored", async () => {
    const tenant = await createTenant(app.url);
    const badPurchase = { type: 'purchase', timestamp: new Date().toISOString(), userId: 'u1', properties: { revenue: 'ten', currency: 'EUR' } };
    expect((await send(`${app.url}/v1/events`, { headers: bearer(tenant.writeKey), json: badPurchase })).status).toBe(202);

    const changed = await send(`${app.url}/v1/admin/tenants/${tenant.id}`, { method: 'PATCH', headers: bearer(ADMIN_TOKEN), json: { schemaPolicy: 'strict' } });

    expect(changed).toMatchObject({ status: 200, body: { id: tenant.id, schemaPolicy: 'strict' } });
    const refused = await send(`${app.url}/v1/events`, { headers: bearer(tenant.writeKey), json: badPurchase });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { field: string; rule: string }) => `${error.field} ${error.rule}`).sort()).toEqual([
      'properties.order_id isDefined',
      'properties.revenue isNumber',
    ]);
  });

  it('answers 400 for an unknown schema policy, naming the field; 404 for an unknown tenant', async () => {
    const tenant = await createTenant(app.url);
    const unknown = await send(`${app.url}/v1/admin/tenants/${tenant.id}`, { method: 'PATCH', headers: bearer(ADMIN_TOKEN), json: { schemaPolicy: 'relaxed' } });
    const atCreation = await send(`${app.url}/v1/admin/tenants`, {
      headers: bearer(ADMIN_TOKEN),
      json: { slug: 'policy-typo', name: 'Typo', timeZone: 'UTC', currency: 'USD', schemaPolicy: 'STRICT' },
    });
    const missing = await send(`${app.url}/v1/admin/tenants/${UNKNOWN_ID}`, { method: 'PATCH', headers: bearer(ADMIN_TOKEN), json: { schemaPolicy: 'strict' } });

    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ field: 'schemaPolicy', rule: 'isIn', message: 'schemaPolicy must be one of: lenient, strict' }] } });
    expect(atCreation).toMatchObject({ status: 400, body: { errors: [{ field: 'schemaPolicy', rule: 'isIn' }] } });
    expect(missing.status).toBe(404);
  });

  it('opts a tenant in to keeping message texts and out again; 400 naming storeMessageText when it is not a boolean', async () => {
    const created = await send(`${app.url}/v1/admin/tenants`, {
      headers: bearer(ADMIN_TOKEN),
      json: { slug: 'keeps-texts', name: 'Keeps texts', timeZone: 'UTC', currency: 'USD', storeMessageText: true },
    });
    expect(created).toMatchObject({ status: 201, body: { tenant: { storeMessageText: true, schemaPolicy: 'lenient' } } });
    const url = `${app.url}/v1/admin/tenants/${created.body.tenant.id}`;
    const optedOut = await send(url, { method: 'PATCH', headers: bearer(ADMIN_TOKEN), json: { storeMessageText: false } });
    expect(optedOut).toMatchObject({ status: 200, body: { storeMessageText: false, schemaPolicy: 'lenient' } });

    const notBoolean = await send(url, { method: 'PATCH', headers: bearer(ADMIN_TOKEN), json: { storeMessageText: 'yes' } });
    const atCreation = await send(`${app.url}/v1/admin/tenants`, {
      headers: bearer(ADMIN_TOKEN),
      json: { slug: 'texts-typo', name: 'Typo', timeZone: 'UTC', currency: 'USD', storeMessageText: 1 },
    });
    const nothing = await send(url, { method: 'PATCH', headers: bearer(ADMIN_TOKEN), json: {} });
    expect(notBoolean).toMatchObject({ status: 400, body: { errors: [{ field: 'storeMessageText', rule: 'isBoolean', message: 'storeMessageText must be true or false' }] } });
    expect(atCreation).toMatchObject({ status: 400, body: { errors: [{ field: 'storeMessageText', rule: 'isBoolean' }] } });
    expect(nothing).toMatchObject({ status: 400, body: { errors: [{ field: 'schemaPolicy', rule: 'isDefined', message: 'schemaPolicy is required' }] } });
  });

  it('sets retention windows in days, keeps what has none, and names a bad window', async () => {
    const tenant = await createTenant(app.url);
    const url = `${app.url}/v1/admin/tenants/${tenant.id}/retention`;
    const keepEverything = { rawEventsDays: null, rollupDays: { minute: null, hour: null, day: null, week: null, month: null } };
    expect(await send(url, { headers: bearer(ADMIN_TOKEN) })).toMatchObject({ status: 200, body: keepEverything });

    const policy = { rawEventsDays: 90, rollupDays: { minute: 7, hour: 90, day: 730 } };
    const set = await send(url, { method: 'PUT', headers: bearer(ADMIN_TOKEN), json: policy });
    const expected = { rawEventsDays: 90, rollupDays: { minute: 7, hour: 90, day: 730, week: null, month: null } };
    expect(set).toMatchObject({ status: 200, body: expected });
    expect((await send(url, { headers: bearer(ADMIN_TOKEN) })).body).toEqual(expected);

    const bad = await send(url, { method: 'PUT', headers: bearer(ADMIN_TOKEN), json: { rawEventsDays: 0, rollupDays: { hour: 1.5, year: 3 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string; rule: string }) => `${error.field}:${error.rule}`).sort()).toEqual([
      'rawEventsDays:min',
      'rollupDays.hour:isInt',
      'rollupDays.year:isUnknownField',
    ]);
    // Nothing stored by the refused request; an unknown tenant is 404, without the admin token 401.
    expect((await send(url, { headers: bearer(ADMIN_TOKEN) })).body).toEqual(expected);
    expect((await send(`${app.url}/v1/admin/tenants/${UNKNOWN_ID}/retention`, { method: 'PUT', headers: bearer(ADMIN_TOKEN), json: policy })).status).toBe(404);
    expect((await send(`${app.url}/v1/admin/tenants/${UNKNOWN_ID}/retention`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(404);
    expect((await send(url, { headers: bearer('wrong') })).status).toBe(401);
  });

  it('replaces property mappings, which ingestion applies before validating', async () => {
    const tenant = await createTenant(app.url, { schemaPolicy: 'strict' });
    const url = `${app.url}/v1/admin/tenants/${tenant.id}/property-mappings`;
    const purchase = { type: 'purchase', timestamp: new Date().toISOString(), userId: 'u1', properties: { orderId: 'o-9', price: 12, currency: 'EUR' } };
    expect((await send(`${app.url}/v1/events`, { headers: bearer(tenant.writeKey), json: purchase })).status).toBe(400);

    const replaced = await send(url, {
      method: 'PUT',
      headers: bearer(ADMIN_TOKEN),
      json: { mappings: [{ eventType: 'purchase', from: 'orderId', to: 'order_id' }, { eventType: 'purchase', from: 'price', to: 'revenue', mode: 'alias' }] },
    });

    expect(replaced).toMatchObject({
      status: 200,
      body: {
        mappings: [
          { eventType: 'purchase', from: 'orderId', to: 'order_id', mode: 'rename' },
          { eventType: 'purchase', from: 'price', to: 'revenue', mode: 'alias' },
        ],
      },
    });
    expect((await send(url, { headers: bearer(ADMIN_TOKEN) })).body).toEqual(replaced.body);
    const accepted = await send(`${app.url}/v1/events`, { headers: bearer(tenant.writeKey), json: { ...purchase, eventId: 'mapped-1' } });
    expect(accepted.status).toBe(202);
    const [arrival] = await app.envelopesOf(tenant.id, 1);
    // rename moves orderId; alias copies price and keeps it.
    expect(arrival?.envelope.event.properties).toEqual({ order_id: 'o-9', price: 12, revenue: 12, currency: 'EUR' });
  });

  it("answers 400 for a mapping onto a property its type does not declare, an unknown type, or a repeated source, naming each field", async () => {
    const tenant = await createTenant(app.url);
    const answer = await send(`${app.url}/v1/admin/tenants/${tenant.id}/property-mappings`, {
      method: 'PUT',
      headers: bearer(ADMIN_TOKEN),
      json: {
        mappings: [
          { eventType: 'purchase', from: 'orderId', to: 'order_number' },
          { eventType: 'no_such_type', from: 'a', to: 'b' },
          { eventType: 'purchase', from: 'orderId', to: 'order_id' },
          { eventType: 'purchase', from: 'x', to: 'revenue', mode: 'copy' },
        ],
      },
    });

    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: { field: string; rule: string }) => [error.field, error.rule])).toEqual([['mappings[3].mode', 'isIn']]);
    const semantic = await send(`${app.url}/v1/admin/tenants/${tenant.id}/property-mappings`, {
      method: 'PUT',
      headers: bearer(ADMIN_TOKEN),
      json: {
        mappings: [
          { eventType: 'purchase', from: 'orderId', to: 'order_number' },
          { eventType: 'no_such_type', from: 'a', to: 'b' },
          { eventType: 'purchase', from: 'orderId', to: 'order_id' },
        ],
      },
    });
    expect(semantic.body.errors.map((error: { field: string; rule: string }) => [error.field, error.rule])).toEqual([
      ['mappings[0].to', 'isDeclaredProperty'],
      ['mappings[1].eventType', 'isRegisteredEventType'],
      ['mappings[2].from', 'isUnique'],
    ]);
    expect(semantic.body.errors[0].message).toContain('order_id');
    expect((await send(`${app.url}/v1/admin/tenants/${tenant.id}/property-mappings`, { headers: bearer(ADMIN_TOKEN) })).body).toEqual({ mappings: [] });
  });

  it('answers 400 for a grace period that is not a whole number of seconds, 404 for an unknown key', async () => {
    const tenant = await createTenant(app.url);
    const base = `${app.url}/v1/admin/tenants/${tenant.id}/secret-keys`;

    const badGrace = await send(`${base}/${tenant.secretKeyId}?graceSeconds=soon`, { method: 'DELETE', headers: bearer(ADMIN_TOKEN) });
    const unknown = await send(`${base}/${UNKNOWN_ID}`, { method: 'DELETE', headers: bearer(ADMIN_TOKEN) });

    expect(badGrace).toMatchObject({ status: 400, body: { errors: [{ field: 'graceSeconds', rule: 'isIntegerInRange' }] } });
    expect(unknown.status).toBe(404);
  });
});

describe('admin API without an admin token configured', () => {
  it('answers 503 saying how to enable it', async () => {
    const app = await startEmbeddedIngestion({});
    try {
      const answer = await send(`${app.url}/v1/admin/tenants`, { headers: bearer('anything-at-all-long-enough') });

      expect(answer.status).toBe(503);
      expect(answer.body.message).toContain('Set ADMIN_TOKEN');
    } finally {
      await app.stop();
    }
  });
});
