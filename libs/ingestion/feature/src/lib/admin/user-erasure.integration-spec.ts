import { LiveStateReader, LiveStateWriter } from '@pulse/realtime';
import { storeQueryEvents } from '@pulse/storage/testing';
import { createHash } from 'node:crypto';
import { bearer, send } from '../../testing/http-client';
import { ADMIN_TOKEN, startEmbeddedIngestion, type IngestionUnderTest } from '../../testing/ingestion-app';
import { createTenant, type TestTenant } from '../../testing/tenants';

const UNKNOWN_ID = '6f1c7d1e-0000-4000-8000-000000000000';
const ACTOR = `admin-token:${createHash('sha256').update(ADMIN_TOKEN).digest('hex').slice(0, 12)}`;
const ZERO = {
  events: 0,
  identityLinks: 0,
  sessions: 0,
  firstSeen: 0,
  activeDays: 0,
  eventTimeRecords: 0,
  personIds: 0,
  rollupsUpdated: 0,
  rollupsDeleted: 0,
  rollupUsers: 0,
  conversations: 0,
  conversationCustomers: 0,
  quarantinedEvents: 0,
  reportRuns: [],
};

describe('GDPR erase over the admin API (embedded adapters)', () => {
  let app: IngestionUnderTest;
  let tenant: TestTenant;
  let live: LiveStateReader;
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const eraseUrl = (tenantId: string, userId: string) => `${app.url}/v1/admin/tenants/${tenantId}/users/${encodeURIComponent(userId)}`;
  const countEvents = async (userId: string) =>
    Number((await app.adapters.store.dataSource.query(`SELECT count(*) AS n FROM events WHERE tenant_id = $1 AND user_key = $2`, [tenant.id, userId]))[0].n);

  beforeAll(async () => {
    app = await startEmbeddedIngestion();
    tenant = await createTenant(app.url);
    const profile = { id: tenant.id, timeZone: 'Europe/Berlin', currency: 'EUR' };
    const events = [
      { id: 'v1', type: 'page_view', at: minutesAgo(20), user: 'victor', device: 'mobile' },
      { id: 'v2', type: 'purchase', at: minutesAgo(10), user: 'victor', device: 'mobile', properties: { revenue: 99, currency: 'EUR' } },
      { id: 'a1', type: 'page_view', at: minutesAgo(15), user: 'alice', device: 'desktop' },
      { id: 'a2', type: 'purchase', at: minutesAgo(4), user: 'alice', device: 'desktop', properties: { revenue: 20, currency: 'EUR' } },
      { id: 'b1', type: 'page_view', at: minutesAgo(2), user: 'bob', device: 'desktop' },
    ];
    await storeQueryEvents(app.adapters.store.dataSource, profile, events);
    // What the processor would have put in the live state for these events.
    const writer = new LiveStateWriter(app.adapters.cache);
    await writer.record(
      tenant.id,
      events.map((event) => ({
        occurredAt: new Date(event.at),
        localDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(event.at)),
        userKey: event.user,
        sessionId: `s-${event.user}`,
        ...(event.type === 'purchase' ? { order: { revenue: event.properties?.revenue ?? null } } : {}),
      })),
    );
    live = new LiveStateReader(app.adapters.cache);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('erases a user: their events and rollup contributions go, the live state is rebuilt without them', async () => {
    expect(await live.conversions(profileOf(tenant))).toMatchObject({ visitors: 3, buyers: 2, orders: 2, revenue: 119 });

    const answer = await send(eraseUrl(tenant.id, 'victor'), { method: 'DELETE', headers: bearer(ADMIN_TOKEN) });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      tenantId: tenant.id,
      userId: 'victor',
      linkedIds: ['victor'],
      erased: { ...ZERO, events: 2, activeDays: 1, rollupsUpdated: expect.any(Number), rollupsDeleted: expect.any(Number), rollupUsers: expect.any(Number) },
      suppressedIds: 0,
      auditId: expect.any(String),
      liveState: 'rebuilt',
    });
    expect(answer.body.erased.rollupUsers).toBeGreaterThan(0);
    expect(await countEvents('victor')).toBe(0);
    expect(await countEvents('alice')).toBe(2);
    expect(await live.conversions(profileOf(tenant))).toMatchObject({ visitors: 2, buyers: 1, orders: 1, revenue: 20 });
    expect(await live.activeUsers(profileOf(tenant))).toEqual({ last5Minutes: 2, last30Minutes: 2 });
  });

  it('answers a repeated erase the same way, with nothing erased, never an error', async () => {
    const answer = await send(eraseUrl(tenant.id, 'victor'), { method: 'DELETE', headers: bearer(ADMIN_TOKEN) });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      tenantId: tenant.id,
      userId: 'victor',
      linkedIds: ['victor'],
      erased: ZERO,
      suppressedIds: 0,
      auditId: expect.any(String),
      liveState: 'unchanged',
    });
  });

  it('records each erase in the audit log: who, what, when and the counts', async () => {
    const answer = await send(`${app.url}/v1/admin/audit?tenantId=${tenant.id}&action=user.erase`, { headers: bearer(ADMIN_TOKEN) });

    expect(answer.status).toBe(200);
    expect(answer.body.entries).toEqual([
      { id: expect.any(String), at: expect.any(String), actor: ACTOR, action: 'user.erase', tenantId: tenant.id, subject: 'victor', details: expect.objectContaining({ events: 0 }) },
      { id: expect.any(String), at: expect.any(String), actor: ACTOR, action: 'user.erase', tenantId: tenant.id, subject: 'victor', details: expect.objectContaining({ events: 2, linkedIds: ['victor'] }) },
    ]);
    expect(Date.parse(answer.body.entries[0].at)).not.toBeNaN();
    expect(answer.body.nextBeforeId).toBeNull();
    const firstPage = await send(`${app.url}/v1/admin/audit?tenantId=${tenant.id}&limit=1`, { headers: bearer(ADMIN_TOKEN) });
    expect(firstPage.body).toMatchObject({ entries: [{ id: answer.body.entries[0].id }], nextBeforeId: answer.body.entries[0].id });
  });

  it('erases several users in one request, answering per user; with suppression on, their ids are kept', async () => {
    const patched = await send(`${app.url}/v1/admin/tenants/${tenant.id}`, { method: 'PATCH', headers: bearer(ADMIN_TOKEN), json: { suppressErasedUsers: true } });
    expect(patched).toMatchObject({ status: 200, body: { suppressErasedUsers: true, schemaPolicy: 'lenient' } });

    const answer = await send(`${app.url}/v1/admin/tenants/${tenant.id}/users/erase`, { headers: bearer(ADMIN_TOKEN), json: { userIds: ['alice', 'nobody'] } });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      tenantId: tenant.id,
      liveState: 'rebuilt',
      results: [
        { userId: 'alice', linkedIds: ['alice'], erased: { events: 2 }, suppressedIds: 1 },
        { userId: 'nobody', linkedIds: ['nobody'], erased: ZERO, suppressedIds: 1 },
      ],
    });
    const suppressed = await app.adapters.store.dataSource.query(`SELECT id FROM suppressed_users WHERE tenant_id = $1 ORDER BY id`, [tenant.id]);
    expect(suppressed).toEqual([{ id: 'alice' }, { id: 'nobody' }]);
    expect(await live.conversions(profileOf(tenant))).toMatchObject({ visitors: 1, buyers: 0, orders: 0 });
  });

  it('answers 404 for an unknown tenant', async () => {
    const one = await send(eraseUrl(UNKNOWN_ID, 'victor'), { method: 'DELETE', headers: bearer(ADMIN_TOKEN) });
    const many = await send(`${app.url}/v1/admin/tenants/${UNKNOWN_ID}/users/erase`, { headers: bearer(ADMIN_TOKEN), json: { userIds: ['victor'] } });
    const notUuid = await send(eraseUrl('not-a-tenant', 'victor'), { method: 'DELETE', headers: bearer(ADMIN_TOKEN) });

    for (const answer of [one, many, notUuid]) {
      expect(answer).toMatchObject({ status: 404, body: { statusCode: 404, message: expect.stringContaining('no tenant with id') } });
    }
  });

  it.each([
    ['no userIds', {}, 'isDefined'],
    ['an empty list', { userIds: [] }, 'arrayMinSize'],
    ['more than 1,000 ids', { userIds: Array.from({ length: 1001 }, (_, index) => `u${index}`) }, 'arrayMaxSize'],
    ['an id that is not a string', { userIds: ['ok', 5] }, 'isString'],
    ['an empty id', { userIds: [''] }, 'isLength'],
  ])('answers 400 naming userIds for %s', async (_case, body, rule) => {
    const answer = await send(`${app.url}/v1/admin/tenants/${tenant.id}/users/erase`, { headers: bearer(ADMIN_TOKEN), json: body });

    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'userIds', rule })]));
  });

  it('answers 400 naming the field for a bad audit query or an overlong user id, 401 without the admin token', async () => {
    const limit = await send(`${app.url}/v1/admin/audit?limit=0`, { headers: bearer(ADMIN_TOKEN) });
    const tenantId = await send(`${app.url}/v1/admin/audit?tenantId=acme`, { headers: bearer(ADMIN_TOKEN) });
    const userId = await send(eraseUrl(tenant.id, 'x'.repeat(256)), { method: 'DELETE', headers: bearer(ADMIN_TOKEN) });
    const anonymous = await send(eraseUrl(tenant.id, 'victor'), { method: 'DELETE' });

    expect(limit).toMatchObject({ status: 400, body: { errors: [{ field: 'limit' }] } });
    expect(tenantId).toMatchObject({ status: 400, body: { errors: [{ field: 'tenantId' }] } });
    expect(userId).toMatchObject({ status: 400, body: { errors: [{ field: 'userId' }] } });
    expect(anonymous.status).toBe(401);
  });
});

function profileOf(tenant: TestTenant) {
  return { id: tenant.id, timeZone: 'Europe/Berlin', currency: 'EUR' };
}
