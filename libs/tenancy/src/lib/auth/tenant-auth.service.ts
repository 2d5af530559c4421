import type { ApiKeyKind } from '../api-keys';
import { hashApiKey } from '../api-keys';
import type { AuthenticatedTenant } from '../authenticated-tenant';
import { ExpiringCache } from './expiring-cache';
import type { KeyOwner, SecretKeyIdentity, TenantKeyLookup } from './tenant-key-lookup';

export interface TenantAuthOptions {
  /** How long a lookup's answer, found or not found, is reused (default 30 s). */
  cacheTtlMs?: number;
  /** At most this many keys are remembered (default 10,000). */
  maxCachedKeys?: number;
  /** Epoch milliseconds; tests pass a fixed clock. */
  now?: () => number;
}

export const DEFAULT_KEY_CACHE_TTL_MS = 30_000;
export const DEFAULT_MAX_CACHED_KEYS = 10_000;

/**
 * Resolves write keys (ingestion) and secret keys (queries) to their tenant. Answers, including
 * "no such key", are cached in memory for a short TTL so ingestion does not query the database per
 * request. Only key hashes are kept, never keys.
 *
 * Rotation in this process calls `forgetTenant`, which takes effect at once; other processes (replicas,
 * the other services of the embedded start) keep their answer until it expires, so a revoked key
 * may work there for up to one TTL. A secret key revoked with a grace period is cached no longer than
 * its grace period.
 */
export class TenantAuthService {
  private readonly cache: ExpiringCache<KeyOwner | null>;
  private readonly inFlight = new Map<string, Promise<KeyOwner | null>>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** Bumped by `forgetTenant`: a lookup that started before must not cache what it found. */
  private generation = 0;

  constructor(
    private readonly lookup: TenantKeyLookup,
    options: TenantAuthOptions = {},
  ) {
    this.ttlMs = options.cacheTtlMs ?? DEFAULT_KEY_CACHE_TTL_MS;
    this.cache = new ExpiringCache(options.maxCachedKeys ?? DEFAULT_MAX_CACHED_KEYS);
    this.now = options.now ?? Date.now;
  }

  /** The tenant whose current write key this is, or null. */
  async authenticateWriteKey(key: string): Promise<AuthenticatedTenant | null> {
    return (await this.ownerOf('write', key))?.tenant ?? null;
  }

  /** The tenant this active (or still in grace) secret key belongs to, or null. */
  async authenticateSecretKey(key: string): Promise<AuthenticatedTenant | null> {
    return (await this.ownerOf('secret', key))?.tenant ?? null;
  }

  /** The tenant of this active (or still in grace) secret key with the key's id and scopes, or null. */
  async resolveSecretKey(key: string): Promise<{ tenant: AuthenticatedTenant; secretKey: SecretKeyIdentity } | null> {
    const owner = await this.ownerOf('secret', key);
    return owner?.secretKey ? { tenant: owner.tenant, secretKey: owner.secretKey } : null;
  }

  /** Drops everything cached about a tenant's keys; call it after rotating or revoking one. */
  forgetTenant(tenantId: string): void {
    this.generation += 1;
    // A lookup still running may have read the old key: later requests must not join it.
    this.inFlight.clear();
    this.cache.deleteWhere((owner) => owner?.tenant.id === tenantId);
  }

  private async ownerOf(kind: ApiKeyKind, key: string): Promise<KeyOwner | null> {
    if (key.length === 0 || key.length > 256) return null;
    const cacheKey = `${kind}:${hashApiKey(key)}`;
    const cached = this.cache.get(cacheKey, this.now());
    if (cached) return cached.value;
    return this.lookUpOnce(kind, cacheKey);
  }

  /** Concurrent requests with the same uncached key share one database lookup. */
  private lookUpOnce(kind: ApiKeyKind, cacheKey: string): Promise<KeyOwner | null> {
    const pending = this.inFlight.get(cacheKey);
    if (pending) return pending;
    const generation = this.generation;
    const keyHash = cacheKey.slice(kind.length + 1);
    const lookup: Promise<KeyOwner | null> = (
      kind === 'write' ? this.lookup.findByWriteKeyHash(keyHash) : this.lookup.findBySecretKeyHash(keyHash)
    )
      .then((owner) => {
        if (generation === this.generation) this.cache.set(cacheKey, owner, this.expiryOf(owner));
        return owner;
      })
      .finally(() => {
        if (this.inFlight.get(cacheKey) === lookup) this.inFlight.delete(cacheKey);
      });
    this.inFlight.set(cacheKey, lookup);
    return lookup;
  }

  private expiryOf(owner: KeyOwner | null): number {
    const expiresAt = this.now() + this.ttlMs;
    return owner?.validUntil ? Math.min(expiresAt, owner.validUntil.getTime()) : expiresAt;
  }
}
