import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CACHE_STORE, type CacheStore } from '@pulse/cache';
import { TenantAuthService } from './tenant-auth.service';

/** The channel every process listens on; a message is the id of the tenant whose keys changed. */
export const TENANT_KEYS_CHANGED_CHANNEL = 'pulse:tenant-keys-changed';

/**
 * Makes a key rotation or revocation reach every process within moments instead of one cache TTL: the process that
 * changed a key forgets the tenant's cached keys at once and publishes a notice on the cache's pub/sub (Redis in the
 * distributed mode; in memory in the embedded start, where every hosted service shares one cache); every process,
 * this one included, forgets the tenant when the notice arrives.
 * A notice is lost when Redis is down (publishing fails, or a subscriber is disconnected at that moment): then the
 * cache TTL (`DEFAULT_KEY_CACHE_TTL_MS`) still bounds how long a revoked key works elsewhere.
 */
@Injectable()
export class TenantKeyChanges implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TenantKeyChanges.name);
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    private readonly auth: TenantAuthService,
    @Inject(CACHE_STORE) private readonly cache: CacheStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stopListening();
  }

  /** Subscribes to other processes' notices; without Redis, warns and relies on the TTL. */
  async listen(): Promise<void> {
    if (this.unsubscribe) return;
    try {
      this.unsubscribe = await this.cache.subscribe(TENANT_KEYS_CHANGED_CHANNEL, (tenantId) => this.auth.forgetTenant(tenantId));
    } catch (error) {
      this.logger.warn(
        `not listening for key changes of other processes (${(error as Error).message}): a revoked key may work there until its cache entry expires`,
      );
    }
  }

  async stopListening(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.().catch(() => undefined);
  }

  /** Call after a tenant's write key or a secret key changed: here at once, elsewhere when the notice arrives. */
  async announce(tenantId: string): Promise<void> {
    this.auth.forgetTenant(tenantId);
    try {
      await this.cache.publish(TENANT_KEYS_CHANGED_CHANNEL, tenantId);
    } catch (error) {
      this.logger.warn(`key change of tenant ${tenantId} not announced to other processes (${(error as Error).message}): their cache expires it`);
    }
  }
}
