import { MemoryCacheStore } from '@pulse/cache';
import { hashApiKey } from '../api-keys';
import type { AuthenticatedTenant } from '../authenticated-tenant';
import { TenantAuthService } from './tenant-auth.service';
import { TenantKeyChanges } from './tenant-key-changes';
import type { KeyOwner, TenantKeyLookup } from './tenant-key-lookup';

const ACME: AuthenticatedTenant = { id: 't-acme', slug: 'acme', name: 'Acme', timeZone: 'UTC', currency: 'USD' };

/** The embedded start: every hosted service its own auth cache, all of them on one in-memory cache store. */
describe('TenantKeyChanges on the in-memory cache (embedded start)', () => {
  const owners = new Map<string, KeyOwner>([[hashApiKey('psk_acme'), { tenant: ACME, secretKey: { id: 'k1', scopes: ['read'] } }]]);
  const lookup: TenantKeyLookup = { findByWriteKeyHash: async () => null, findBySecretKeyHash: async (hash) => owners.get(hash) ?? null };
  let cache: MemoryCacheStore;
  let insights: TenantAuthService;
  let dashboards: TenantAuthService;
  let ingestionChanges: TenantKeyChanges;
  let dashboardsChanges: TenantKeyChanges;

  beforeEach(async () => {
    owners.set(hashApiKey('psk_acme'), { tenant: ACME, secretKey: { id: 'k1', scopes: ['read'] } });
    cache = new MemoryCacheStore();
    insights = new TenantAuthService(lookup);
    dashboards = new TenantAuthService(lookup);
    ingestionChanges = new TenantKeyChanges(new TenantAuthService(lookup), cache);
    dashboardsChanges = new TenantKeyChanges(dashboards, cache);
    await new TenantKeyChanges(insights, cache).listen();
    await dashboardsChanges.listen();
  });

  it("makes every listening service forget a tenant's keys when another announces a change", async () => {
    expect(await insights.authenticateSecretKey('psk_acme')).toEqual(ACME);
    expect(await dashboards.authenticateSecretKey('psk_acme')).toEqual(ACME);
    owners.delete(hashApiKey('psk_acme'));

    await ingestionChanges.announce(ACME.id);
    await new Promise((resolve) => setImmediate(resolve));

    expect(await insights.authenticateSecretKey('psk_acme')).toBeNull();
    expect(await dashboards.authenticateSecretKey('psk_acme')).toBeNull();
  });

  it('leaves a service that stopped listening with its cached answer (its TTL bounds it)', async () => {
    expect(await dashboards.authenticateSecretKey('psk_acme')).toEqual(ACME);
    await dashboardsChanges.stopListening();
    owners.delete(hashApiKey('psk_acme'));

    await ingestionChanges.announce(ACME.id);
    await new Promise((resolve) => setImmediate(resolve));

    expect(await dashboards.authenticateSecretKey('psk_acme')).toEqual(ACME);
    expect(await insights.authenticateSecretKey('psk_acme')).toBeNull();
  });

  it('still forgets in its own process when publishing fails', async () => {
    const auth = new TenantAuthService(lookup);
    const failing = Object.assign(new MemoryCacheStore(), { publish: async () => Promise.reject(new Error('Redis is down')) });
    const changes = new TenantKeyChanges(auth, failing);
    expect(await auth.authenticateSecretKey('psk_acme')).toEqual(ACME);
    owners.delete(hashApiKey('psk_acme'));

    await changes.announce(ACME.id);

    expect(await auth.authenticateSecretKey('psk_acme')).toBeNull();
  });
});
