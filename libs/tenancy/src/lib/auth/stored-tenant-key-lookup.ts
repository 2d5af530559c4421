import type { TenantKeyRepository, TenantRepository } from '@pulse/storage';
import { toAuthenticatedTenant } from '../authenticated-tenant';
import { SECRET_KEY_SCOPES, type SecretKeyScope } from '../key-scopes';
import type { KeyOwner, TenantKeyLookup } from './tenant-key-lookup';

/** Looks keys up in the `tenants` (write key) and `tenant_secret_keys` tables. */
export class StoredTenantKeyLookup implements TenantKeyLookup {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly keys: TenantKeyRepository,
  ) {}

  async findByWriteKeyHash(keyHash: string): Promise<KeyOwner | null> {
    const tenant = await this.tenants.findByWriteKeyHash(keyHash);
    return tenant ? { tenant: toAuthenticatedTenant(tenant) } : null;
  }

  async findBySecretKeyHash(keyHash: string): Promise<KeyOwner | null> {
    const active = await this.keys.findActiveSecretKey(keyHash);
    if (!active) return null;
    return {
      tenant: toAuthenticatedTenant(active.tenant),
      secretKey: { id: active.key.id, scopes: active.key.scopes.filter(isScope) },
      ...(active.key.revokedAt ? { validUntil: active.key.revokedAt } : {}),
    };
  }
}

/** A scope this version does not know (a newer replica wrote it) grants nothing here. */
function isScope(scope: string): scope is SecretKeyScope {
  return (SECRET_KEY_SCOPES as readonly string[]).includes(scope);
}
