import { MemoryCacheStore } from '@pulse/cache';
import type { NewAdminAuditEntry, Tenant, TenantKeyRepository, TenantRepository, TenantSecretKey } from '@pulse/storage';
import { hashApiKey } from '../api-keys';
import { TenantAuthService } from '../auth/tenant-auth.service';
import { TenantKeyChanges } from '../auth/tenant-key-changes';
import type { AdminAuditService } from './admin-audit.service';
import { TenantAdminService } from './tenant-admin.service';

const CREATED_AT = new Date('2025-03-01T12:00:00.000Z');
const TENANT_ID = '11111111-1111-4111-8111-111111111111';

/** Keeps what the service stores, so the tests can check that only hashes reach it. */
function fakeStorage() {
  const tenants: Tenant[] = [];
  const secretKeys: TenantSecretKey[] = [];
  const tenantRepository = {
    create: async (tenant: Omit<Tenant, 'id' | 'createdAt' | 'updatedAt'>) => {
      const stored: Tenant = { id: TENANT_ID, createdAt: CREATED_AT, updatedAt: CREATED_AT, ...tenant };
      tenants.push(stored);
      return stored;
    },
    findById: async (id: string) => tenants.find((tenant) => tenant.id === id) ?? null,
  } as unknown as TenantRepository;
  const keyRepository = {
    createSecretKey: async (key: { tenantId: string; keyHash: string; label?: string; scopes?: string[] }) => {
      const stored: TenantSecretKey = {
        id: `key-${secretKeys.length + 1}`,
        tenantId: key.tenantId,
        keyHash: key.keyHash,
        label: key.label ?? null,
        createdAt: CREATED_AT,
        revokedAt: null,
        scopes: key.scopes ?? ['read'],
      };
      secretKeys.push(stored);
      return stored;
    },
    replaceWriteKeyHash: async (tenantId: string, writeKeyHash: string) => {
      const tenant = tenants.find((candidate) => candidate.id === tenantId);
      if (!tenant) return null;
      tenant.writeKeyHash = writeKeyHash;
      return tenant;
    },
    revokeSecretKey: async (tenantId: string, keyId: string) => {
      const key = secretKeys.find((candidate) => candidate.id === keyId && candidate.tenantId === tenantId);
      if (!key) return null;
      key.revokedAt = CREATED_AT;
      return key;
    },
  } as unknown as TenantKeyRepository;
  const audit: NewAdminAuditEntry[] = [];
  const auditService = { record: async (entry: NewAdminAuditEntry) => audit.push(entry) } as unknown as AdminAuditService;
  return { tenants, secretKeys, tenantRepository, keyRepository, audit, auditService };
}

describe('TenantAdminService', () => {
  let storage: ReturnType<typeof fakeStorage>;
  let auth: TenantAuthService;
  let admin: TenantAdminService;

  beforeEach(() => {
    storage = fakeStorage();
    auth = new TenantAuthService({ findByWriteKeyHash: async () => null, findBySecretKeyHash: async () => null });
    admin = new TenantAdminService(
      storage.tenantRepository,
      storage.keyRepository,
      new TenantKeyChanges(auth, new MemoryCacheStore()),
      storage.auditService,
    );
  });

  it('creates a tenant with a write key and a first secret key, storing only their hashes', async () => {
    const created = await admin.createTenant({ slug: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', currency: 'EUR' });

    expect(created.tenant).toEqual({
      id: TENANT_ID,
      slug: 'acme',
      name: 'Acme',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      createdAt: '2025-03-01T12:00:00.000Z',
      updatedAt: '2025-03-01T12:00:00.000Z',
    });
    expect(created.writeKey).toMatch(/^pwk_/);
    expect(created.secretKey).toEqual({
      id: 'key-1',
      label: 'default',
      createdAt: '2025-03-01T12:00:00.000Z',
      revokedAt: null,
      scopes: ['read'],
      key: expect.stringMatching(/^psk_/),
    });
    expect(storage.tenants[0]?.writeKeyHash).toBe(hashApiKey(created.writeKey));
    expect(storage.secretKeys[0]?.keyHash).toBe(hashApiKey(created.secretKey.key));
  });

  it('rotates the write key and forgets the tenant in the auth cache', async () => {
    await admin.createTenant({ slug: 'acme', name: 'Acme', timeZone: 'UTC', currency: 'USD' });
    const forget = jest.spyOn(auth, 'forgetTenant');

    const rotated = await admin.rotateWriteKey(TENANT_ID);

    expect(storage.tenants[0]?.writeKeyHash).toBe(hashApiKey(rotated?.writeKey ?? ''));
    expect(forget).toHaveBeenCalledWith(TENANT_ID);
  });

  it('revokes a secret key and forgets the tenant in the auth cache', async () => {
    await admin.createTenant({ slug: 'acme', name: 'Acme', timeZone: 'UTC', currency: 'USD' });
    const forget = jest.spyOn(auth, 'forgetTenant');

    expect(await admin.revokeSecretKey(TENANT_ID, 'key-1')).toMatchObject({ id: 'key-1', revokedAt: '2025-03-01T12:00:00.000Z' });
    expect(forget).toHaveBeenCalledWith(TENANT_ID);
  });

  it('answers null for keys of an unknown tenant', async () => {
    const unknown = '22222222-2222-4222-8222-222222222222';

    expect(await admin.rotateWriteKey(unknown)).toBeNull();
    expect(await admin.createSecretKey(unknown, { label: 'ci' })).toBeNull();
    expect(await admin.revokeSecretKey(unknown, 'key-1')).toBeNull();
  });

  it('issues read-only secret keys unless manage is asked for', async () => {
    const created = await admin.createTenant({ slug: 'acme', name: 'Acme', timeZone: 'UTC', currency: 'USD' }, { secretKeyScopes: ['manage'] });

    expect(created.secretKey.scopes).toEqual(['read', 'manage']);
    expect((await admin.createSecretKey(TENANT_ID, { label: 'dashboards' }))?.scopes).toEqual(['read']);
    expect(storage.secretKeys.map((key) => key.scopes)).toEqual([['read', 'manage'], ['read']]);
  });

  it('records each change in the audit log with who asked and the key id and scopes, never the key', async () => {
    const created = await admin.createTenant({ slug: 'acme', name: 'Acme', timeZone: 'UTC', currency: 'USD' }, { actor: 'admin-token:abc' });
    const issued = await admin.createSecretKey(TENANT_ID, { label: 'ci', scopes: ['manage'], actor: 'admin-token:abc' });
    await admin.revokeSecretKey(TENANT_ID, 'key-1', 60, { actor: 'admin-token:abc' });
    await admin.rotateWriteKey(TENANT_ID);

    expect(storage.audit.map(({ actor, action, tenantId, subject }) => ({ actor, action, tenantId, subject }))).toEqual([
      { actor: 'admin-token:abc', action: 'tenant.create', tenantId: TENANT_ID, subject: 'acme' },
      { actor: 'admin-token:abc', action: 'secret-key.issue', tenantId: TENANT_ID, subject: 'key-2' },
      { actor: 'admin-token:abc', action: 'secret-key.revoke', tenantId: TENANT_ID, subject: 'key-1' },
      { actor: 'system', action: 'write-key.rotate', tenantId: TENANT_ID, subject: 'acme' },
    ]);
    expect(storage.audit[1]?.details).toEqual({ label: 'ci', scopes: ['read', 'manage'] });
    expect(storage.audit[2]?.details).toMatchObject({ graceSeconds: 60, scopes: ['read'] });
    const recorded = JSON.stringify(storage.audit);
    for (const secret of [created.writeKey, created.secretKey.key, issued?.key ?? 'missing']) expect(recorded).not.toContain(secret);
  });
});
