import { adminIdentityOf } from '@pulse/tenancy';
import { bearer, send } from '../../testing/http-client';
import { ADMIN_TOKEN, startDistributedIngestion, type IngestionUnderTest } from '../../testing/ingestion-app';
import { createTenant, type TestTenant } from '../../testing/tenants';

const ADMIN = adminIdentityOf(ADMIN_TOKEN);

/** The audit log on PostgreSQL: every admin change recorded once with who did it, readable by the admin and (its own rows) by a manage key. */
describe('audit log (PostgreSQL)', () => {
  let app: IngestionUnderTest;
  let acme: TestTenant;
  let globex: TestTenant;
  let readKey: { id: string; key: string };

  const admin = (path: string, options: { method?: string; json?: unknown } = {}) =>
    send(`${app.url}${path}`, { ...options, headers: bearer(ADMIN_TOKEN) });
  const entriesOf = async (query: string) => {
    const answer = await admin(`/v1/admin/audit?${query}`);
    expect(answer.status).toBe(200);
    return answer.body.entries as Array<{
      id: string;
      at: string;
      actor: string;
      action: string;
      tenantId: string;
      subject: string;
      details: Record<string, unknown>;
    }>;
  };

  beforeAll(async () => {
    app = await startDistributedIngestion();
    acme = await createTenant(app.url);
    globex = await createTenant(app.url);
    await admin(`/v1/admin/tenants/${acme.id}`, { method: 'PATCH', json: { storeMessageText: true } });
    await admin(`/v1/admin/tenants/${acme.id}/retention`, { method: 'PUT', json: { rawEventsDays: 30, rollupDays: { minute: 7 } } });
    await admin(`/v1/admin/tenants/${acme.id}/property-mappings`, {
      method: 'PUT',
      json: { mappings: [{ eventType: 'purchase', from: 'orderId', to: 'order_id' }] },
    });
    const issued = await admin(`/v1/admin/tenants/${acme.id}/secret-keys`, { json: { label: 'wallboard' } });
    readKey = { id: issued.body.id, key: issued.body.key };
    await admin(`/v1/admin/tenants/${acme.id}/write-key/rotate`, { method: 'POST' });
    await admin(`/v1/admin/tenants/${acme.id}/secret-keys/${readKey.id}?graceSeconds=600`, { method: 'DELETE' });
    await admin(`/v1/admin/tenants/${globex.id}/write-key/rotate`, { method: 'POST' });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('records each admin action on a tenant exactly once, newest first, naming the admin and never a key', async () => {
    const entries = await entriesOf(`tenantId=${acme.id}`);

    expect(entries.map(({ actor, action, tenantId }) => ({ actor, action, tenantId }))).toEqual(
      [
        'secret-key.revoke',
        'write-key.rotate',
        'secret-key.issue',
        'property-mappings.replace',
        'retention.update',
        'tenant.update',
        'tenant.create',
      ].map((action) => ({ actor: ADMIN, action, tenantId: acme.id })),
    );
    const byAction = new Map(entries.map((entry) => [entry.action, entry]));
    expect(byAction.get('tenant.create')).toMatchObject({
      subject: acme.slug,
      details: { slug: acme.slug, secretKey: { id: acme.secretKeyId, scopes: ['read', 'manage'] } },
    });
    expect(byAction.get('tenant.update')?.details).toEqual({ storeMessageText: true });
    expect(byAction.get('retention.update')?.details).toMatchObject({ rawEventsDays: 30, rollupDays: { minute: 7, hour: null } });
    expect(byAction.get('secret-key.issue')).toMatchObject({ subject: readKey.id, details: { label: 'wallboard', scopes: ['read'] } });
    expect(byAction.get('secret-key.revoke')).toMatchObject({ subject: readKey.id, details: { graceSeconds: 600, scopes: ['read'] } });
    const recorded = JSON.stringify(entries);
    for (const key of [acme.writeKey, acme.secretKey, readKey.key]) expect(recorded).not.toContain(key);
  });

  it('filters by action and time range and pages with beforeId', async () => {
    const all = await entriesOf(`tenantId=${acme.id}`);
    const newest = all[0];
    const oldest = all[all.length - 1];

    expect((await entriesOf(`tenantId=${acme.id}&action=secret-key.issue`)).map((entry) => entry.subject)).toEqual([readKey.id]);
    expect(await entriesOf(`tenantId=${acme.id}&since=${encodeURIComponent(new Date(Date.parse(newest.at) + 1).toISOString())}`)).toEqual([]);
    expect(await entriesOf(`tenantId=${acme.id}&until=${encodeURIComponent(oldest.at)}`)).toEqual([]);
    expect((await entriesOf(`tenantId=${acme.id}&since=${encodeURIComponent(oldest.at)}`)).length).toBe(all.length);
    const first = await admin(`/v1/admin/audit?tenantId=${acme.id}&limit=3`);
    const second = await admin(`/v1/admin/audit?tenantId=${acme.id}&limit=3&beforeId=${first.body.nextBeforeId}`);
    expect([...first.body.entries, ...second.body.entries].map((entry: { id: string }) => entry.id)).toEqual(
      all.slice(0, 6).map((entry) => entry.id),
    );
  });

  it('answers 400 naming the field for a bad time range', async () => {
    const answer = await admin('/v1/admin/audit?since=yesterday');
    const reversed = await admin('/v1/admin/audit?since=2026-03-02T00:00:00Z&until=2026-03-01T00:00:00Z');

    expect([answer.status, answer.body.errors]).toEqual([400, [expect.objectContaining({ field: 'since', rule: 'isTimestamp' })]]);
    expect([reversed.status, reversed.body.errors]).toEqual([400, [expect.objectContaining({ field: 'until', rule: 'isAfterSince' })]]);
  });

  it("shows a tenant's manage key its own entries only, and refuses a read-only key with 403", async () => {
    const own = await send(`${app.url}/v1/audit`, { headers: bearer(acme.secretKey) });
    const theirs = await send(`${app.url}/v1/audit`, { headers: bearer(globex.secretKey) });
    const readOnly = await send(`${app.url}/v1/admin/tenants/${globex.id}/secret-keys`, { headers: bearer(ADMIN_TOKEN), json: {} });
    const refused = await send(`${app.url}/v1/audit`, { headers: bearer(readOnly.body.key) });
    const otherTenant = await send(`${app.url}/v1/audit?tenantId=${acme.id}`, { headers: bearer(globex.secretKey) });

    expect(own.status).toBe(200);
    expect(new Set(own.body.entries.map((entry: { tenantId: string }) => entry.tenantId))).toEqual(new Set([acme.id]));
    expect(own.body.entries).toHaveLength(7);
    expect(theirs.body.entries.map((entry: { action: string }) => entry.action)).toEqual(['write-key.rotate', 'tenant.create']);
    expect(refused).toMatchObject({ status: 403, body: { requiredScope: 'manage' } });
    expect(otherTenant).toMatchObject({ status: 400, body: { errors: [{ field: 'tenantId' }] } });
  });

  it('refuses to replay quarantined events with a read-only key, and lets it read the quarantine', async () => {
    const readOnly = await admin(`/v1/admin/tenants/${acme.id}/secret-keys`, { json: { label: 'reader' } });

    const replay = await send(`${app.url}/v1/data-quality/rejections/replay`, { headers: bearer(readOnly.body.key), json: { all: true } });
    const listed = await send(`${app.url}/v1/data-quality/rejections`, { headers: bearer(readOnly.body.key) });

    expect(replay).toMatchObject({ status: 403, body: { statusCode: 403, error: 'Forbidden', requiredScope: 'manage' } });
    expect(listed.status).toBe(200);
  });
});
