import type { TenantKeyRepository, TenantRepository } from '@pulse/storage';
import { toAuthenticatedTenant } from '../authenticated-tenant';
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
      ...(active.key.revokedAt ? { validUntil: active.key.revokedAt } : {}),
    };
  }
}
