import { TenantRepository } from '@pulse/storage';
import type { TenantProfile } from './incoming-event';

/** How long a tenant's time zone, currency, schema policy and message-text setting are trusted before they are read again. */
export const TENANT_CACHE_TTL_MS = 60_000;

interface CachedTenant {
  profile: TenantProfile;
  expiresAt: number;
}

/**
 * The tenants the processor has seen, cached in memory for a minute: every batch needs each event's
 * tenant, and tenants change rarely. Unknown ids are not cached, so a tenant created a moment ago is
 * found on its first event.
 */
export class TenantDirectory {
  private readonly cache = new Map<string, CachedTenant>();

  constructor(
    private readonly tenants: Pick<TenantRepository, 'findById'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Tenant id → profile for the ids that exist; unknown ids are absent. */
  async lookUp(ids: Iterable<string>): Promise<Map<string, TenantProfile>> {
    const now = this.now();
    const found = new Map<string, TenantProfile>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.cache.get(id);
      if (cached !== undefined && cached.expiresAt > now) found.set(id, cached.profile);
      else missing.push(id);
    }
    // Sequential on purpose: the embedded store has one connection, and batches carry few tenants.
    for (const id of missing) {
      const tenant = await this.tenants.findById(id);
      if (tenant === null) {
        this.cache.delete(id);
        continue;
      }
      const profile = {
        id: tenant.id,
        timeZone: tenant.timeZone,
        currency: tenant.currency,
        schemaPolicy: tenant.schemaPolicy,
        storeMessageText: tenant.storeMessageText,
        suppressErasedUsers: tenant.suppressErasedUsers,
      };
      this.cache.set(id, { profile, expiresAt: now + TENANT_CACHE_TTL_MS });
      found.set(id, profile);
    }
    return found;
  }
}
