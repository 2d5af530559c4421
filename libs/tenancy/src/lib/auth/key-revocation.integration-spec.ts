import { RedisCacheStore } from '@pulse/cache';
import { AdminAuditRepository, TenantKeyRepository, TenantRepository } from '@pulse/storage';
import { openFreshPostgresStore, type OpenedStore } from '@pulse/storage/testing';
import type { AdminAuditService } from '../admin/admin-audit.service';
import { TenantAdminService } from '../admin/tenant-admin.service';
import { StoredTenantKeyLookup } from './stored-tenant-key-lookup';
import { TenantAuthService } from './tenant-auth.service';
import { TenantKeyChanges } from './tenant-key-changes';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** Far longer than any poll here: a key rejected within the poll was forgotten because of the notice. */
const CACHE_TTL_MS = 10 * 60_000;
/** How long the other replica may take to reject a revoked key ("within seconds"). */
const NOTICE_DEADLINE_MS = 5000;

/** One replica of a service: its own key cache and Redis connection, the database shared with the others. */
interface Replica {
  auth: TenantAuthService;
  changes: TenantKeyChanges;
  admin: TenantAdminService;
  cache: RedisCacheStore;
}

async function startReplica(opened: OpenedStore, now: () => number = Date.now): Promise<Replica> {
  const dataSource = opened.store.dataSource;
  const tenants = new TenantRepository(dataSource);
  const keys = new TenantKeyRepository(dataSource);
  const auth = new TenantAuthService(new StoredTenantKeyLookup(tenants, keys), { cacheTtlMs: CACHE_TTL_MS, now });
  const cache = await RedisCacheStore.connect(REDIS_URL);
  const changes = new TenantKeyChanges(auth, cache);
  await changes.listen();
  const audit = new AdminAuditRepository(dataSource) as unknown as AdminAuditService;
  return { auth, changes, cache, admin: new TenantAdminService(tenants, keys, changes, audit) };
}

/** Polls until `check` is true, failing after `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('secret key revocation across processes (PostgreSQL and Redis)', () => {
  let opened: OpenedStore;
  let admin: Replica;
  let query: Replica;
  /** A replica on a clock the test moves, for the TTL that bounds a lost notice. */
  let lagging: Replica;
  let laggingNow = Date.now();

  beforeAll(async () => {
    opened = await openFreshPostgresStore({ prefix: 'pulse_tenancy_it' });
    admin = await startReplica(opened);
    query = await startReplica(opened);
    lagging = await startReplica(opened, () => laggingNow);
  });

  afterAll(async () => {
    for (const replica of [admin, query, lagging]) {
      await replica?.changes.stopListening();
      await replica?.cache.close();
    }
    await opened?.dispose();
  });

  async function tenantWithKeyCachedOn(replica: Replica, slug: string) {
    const created = await admin.admin.createTenant({ slug, name: slug, timeZone: 'UTC', currency: 'USD' });
    expect(await replica.auth.authenticateSecretKey(created.secretKey.key)).toMatchObject({ id: created.tenant.id });
    return created;
  }

  it('rejects a key on the other replica within seconds of its revocation, long before its cached answer expires', async () => {
    const created = await tenantWithKeyCachedOn(query, 'revoked-now');
    const kept = await admin.admin.createTenant({ slug: 'kept', name: 'Kept', timeZone: 'UTC', currency: 'USD' });
    expect(await query.auth.authenticateSecretKey(kept.secretKey.key)).toMatchObject({ id: kept.tenant.id });

    await admin.admin.revokeSecretKey(created.tenant.id, created.secretKey.id);

    await eventually(async () => (await query.auth.authenticateSecretKey(created.secretKey.key)) === null, NOTICE_DEADLINE_MS);
    expect(await query.auth.authenticateSecretKey(kept.secretKey.key)).toMatchObject({ id: kept.tenant.id });
  });

  it('rejects the old write key on the other replica soon after a rotation', async () => {
    const created = await admin.admin.createTenant({ slug: 'rotated', name: 'Rotated', timeZone: 'UTC', currency: 'USD' });
    expect(await query.auth.authenticateWriteKey(created.writeKey)).toMatchObject({ id: created.tenant.id });

    await admin.admin.rotateWriteKey(created.tenant.id);

    await eventually(async () => (await query.auth.authenticateWriteKey(created.writeKey)) === null, NOTICE_DEADLINE_MS);
  });

  it('still expires a revocation a replica missed while not subscribed, once its cached answer reaches the TTL', async () => {
    const created = await tenantWithKeyCachedOn(lagging, 'missed-notice');
    await lagging.changes.stopListening();

    await admin.admin.revokeSecretKey(created.tenant.id, created.secretKey.id);
    // The replicas that listened forget it (the notice was published); the one that did not keeps its answer …
    await eventually(async () => (await query.auth.authenticateSecretKey(created.secretKey.key)) === null, NOTICE_DEADLINE_MS);
    expect(await lagging.auth.authenticateSecretKey(created.secretKey.key)).toMatchObject({ id: created.tenant.id });

    // … until the TTL ends it.
    laggingNow += CACHE_TTL_MS;
    expect(await lagging.auth.authenticateSecretKey(created.secretKey.key)).toBeNull();
  });
});
