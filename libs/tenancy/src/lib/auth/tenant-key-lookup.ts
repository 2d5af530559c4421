import type { AuthenticatedTenant } from '../authenticated-tenant';

/** A tenant found by one of its keys; `validUntil` is set when the key is revoked with a grace period. */
export interface KeyOwner {
  tenant: AuthenticatedTenant;
  validUntil?: Date;
}

/** Where `TenantAuthService` looks keys up (by their SHA-256); the database in production, a fake in tests. */
export interface TenantKeyLookup {
  findByWriteKeyHash(keyHash: string): Promise<KeyOwner | null>;
  findBySecretKeyHash(keyHash: string): Promise<KeyOwner | null>;
}
