import { STORE_TARGETS, type OpenedStore } from '../../testing/store-targets';
import type { Tenant } from '../entities/tenant.entity';
import { TenantKeyRepository } from './tenant-key.repository';
import { TenantRepository } from './tenant.repository';

const UNKNOWN_ID = '6f1c7d1e-0000-4000-8000-000000000000';

describe.each(STORE_TARGETS)('TenantKeyRepository on $name', (target) => {
  let opened: OpenedStore;
  let tenants: TenantRepository;
  let keys: TenantKeyRepository;
  let acme: Tenant;
  let globex: Tenant;

  beforeAll(async () => {
    opened = await target.open();
    tenants = new TenantRepository(opened.store.dataSource);
    keys = new TenantKeyRepository(opened.store.dataSource);
    acme = await tenants.create({ slug: 'acme', name: 'Acme', writeKeyHash: 'write-acme' });
    globex = await tenants.create({ slug: 'globex', name: 'Globex', writeKeyHash: 'write-globex' });
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('replaces the write key hash so only the new one finds the tenant', async () => {
    const rotated = await keys.replaceWriteKeyHash(acme.id, 'write-acme-2');

    expect(rotated).toMatchObject({ id: acme.id, writeKeyHash: 'write-acme-2' });
    expect(await tenants.findByWriteKeyHash('write-acme')).toBeNull();
    expect(await tenants.findByWriteKeyHash('write-acme-2')).toMatchObject({ id: acme.id });
  });

  it('answers null when replacing the write key of an unknown or malformed tenant id', async () => {
    expect(await keys.replaceWriteKeyHash(UNKNOWN_ID, 'write-nobody')).toBeNull();
    expect(await keys.replaceWriteKeyHash('not-a-uuid', 'write-nobody')).toBeNull();
  });

  it('stores a secret key hash and finds the active key with its tenant', async () => {
    const created = await keys.createSecretKey({ tenantId: acme.id, keyHash: 'secret-acme-1', label: 'dashboards' });

    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tenantId: acme.id,
      keyHash: 'secret-acme-1',
      label: 'dashboards',
      createdAt: expect.any(Date),
      revokedAt: null,
      scopes: ['read'],
    });
    const active = await keys.findActiveSecretKey('secret-acme-1');
    expect(active?.key).toEqual(created);
    expect(active?.tenant).toMatchObject({ id: acme.id, slug: 'acme' });
  });

  it('stores the scopes a key is given and finds them with the key', async () => {
    const created = await keys.createSecretKey({ tenantId: acme.id, keyHash: 'secret-acme-manage', scopes: ['read', 'manage'] });

    expect(created.scopes).toEqual(['read', 'manage']);
    expect((await keys.findActiveSecretKey('secret-acme-manage'))?.key.scopes).toEqual(['read', 'manage']);
  });

  it('refuses a secret key hash that another key already has', async () => {
    await keys.createSecretKey({ tenantId: globex.id, keyHash: 'secret-shared' });

    await expect(keys.createSecretKey({ tenantId: acme.id, keyHash: 'secret-shared' })).rejects.toThrow();
  });

  it('no longer finds a key revoked immediately', async () => {
    const key = await keys.createSecretKey({ tenantId: acme.id, keyHash: 'secret-acme-revoked' });

    const revoked = await keys.revokeSecretKey(acme.id, key.id);

    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect(await keys.findActiveSecretKey('secret-acme-revoked')).toBeNull();
  });

  it('keeps finding a key revoked with a grace period until the period ends', async () => {
    const key = await keys.createSecretKey({ tenantId: acme.id, keyHash: 'secret-acme-grace' });

    const revoked = await keys.revokeSecretKey(acme.id, key.id, 3600);

    expect(revoked?.revokedAt?.getTime()).toBeGreaterThan(key.createdAt.getTime() + 3_500_000);
    expect(await keys.findActiveSecretKey('secret-acme-grace')).toMatchObject({ key: { id: key.id } });
  });

  it('shortens a grace period but never extends it', async () => {
    const key = await keys.createSecretKey({ tenantId: acme.id, keyHash: 'secret-acme-shorten' });
    const withGrace = await keys.revokeSecretKey(acme.id, key.id, 3600);

    const extended = await keys.revokeSecretKey(acme.id, key.id, 7200);
    expect(extended?.revokedAt).toEqual(withGrace?.revokedAt);

    await keys.revokeSecretKey(acme.id, key.id, 0);
    expect(await keys.findActiveSecretKey('secret-acme-shorten')).toBeNull();
  });

  it("does not revoke another tenant's key, nor an unknown one", async () => {
    const key = await keys.createSecretKey({ tenantId: globex.id, keyHash: 'secret-globex-1' });

    expect(await keys.revokeSecretKey(acme.id, key.id)).toBeNull();
    expect(await keys.revokeSecretKey(acme.id, UNKNOWN_ID)).toBeNull();
    expect(await keys.revokeSecretKey(acme.id, 'not-a-uuid')).toBeNull();
    expect(await keys.findActiveSecretKey('secret-globex-1')).toMatchObject({ tenant: { id: globex.id } });
  });

  it("lists only the tenant's own keys, oldest first", async () => {
    const listed = await keys.listSecretKeys(globex.id);

    expect(listed.map((key) => key.keyHash)).toEqual(['secret-shared', 'secret-globex-1']);
    expect(await keys.listSecretKeys('not-a-uuid')).toEqual([]);
  });

  it('answers null for a hash no key has', async () => {
    expect(await keys.findActiveSecretKey('secret-nobody')).toBeNull();
  });
});
