import type { AuthenticatedTenant } from '../authenticated-tenant';
import type { SecretKeyScope } from '../key-scopes';

/** Which secret key opened a request (never the key itself): its id, for the audit log, and what it may do. */
export interface SecretKeyIdentity {
  id: string;
  scopes: SecretKeyScope[];
}

/** A tenant found by one of its keys; `validUntil` is set when the key is revoked with a grace period. */
export interface KeyOwner {
  tenant: AuthenticatedTenant;
  validUntil?: Date;
  /** Set for secret keys; a secret key found without it is refused (its scopes are unknown). */
  secretKey?: SecretKeyIdentity;
}

/** Where `TenantAuthService` looks keys up (by their SHA-256); the database in production, a fake in tests. */
export interface TenantKeyLookup {
  findByWriteKeyHash(keyHash: string): Promise<KeyOwner | null>;
  findBySecretKeyHash(keyHash: string): Promise<KeyOwner | null>;
}
