import type { DataSource, Repository } from 'typeorm';
import { TenantEntity, type Tenant } from '../entities/tenant.entity';
import {
  TenantSecretKeyEntity,
  type TenantSecretKey,
} from '../entities/tenant-secret-key.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewTenantSecretKey {
  tenantId: string;
  keyHash: string;
  label?: string;
  /** `['read']` when omitted. */
  scopes?: string[];
}

/** A secret key that is valid now, with the tenant it opens. */
export interface ActiveSecretKey {
  tenant: Tenant;
  key: TenantSecretKey;
}

/**
 * A tenant's API keys beyond what `TenantRepository` stores with the tenant: rotating the write key
 * and the tenant's secret keys. Keys are only ever handled as hashes here.
 */
export class TenantKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get tenants(): Repository<Tenant> {
    return this.dataSource.getRepository(TenantEntity);
  }

  private get secretKeys(): Repository<TenantSecretKey> {
    return this.dataSource.getRepository(TenantSecretKeyEntity);
  }

  /** Replaces the write key hash; the old key stops matching at once. Null for an unknown tenant. */
  async replaceWriteKeyHash(
    tenantId: string,
    writeKeyHash: string,
  ): Promise<Tenant | null> {
    if (!UUID.test(tenantId)) return null;
    const result = await this.tenants.update(
      { id: tenantId },
      { writeKeyHash },
    );
    if (!result.affected) return null;
    return this.tenants.findOneBy({ id: tenantId });
  }

  /** Stores a new secret key hash for an existing tenant and returns the stored row. */
  async createSecretKey(key: NewTenantSecretKey): Promise<TenantSecretKey> {
    const result = await this.secretKeys.insert({
      tenantId: key.tenantId,
      keyHash: key.keyHash,
      label: key.label ?? null,
      scopes: key.scopes ?? ['read'],
    });
    const id = (result.identifiers[0] as { id: string }).id;
    return this.secretKeys.findOneByOrFail({ id });
  }

  /** A tenant's secret keys, active and revoked, oldest first. */
  listSecretKeys(tenantId: string): Promise<TenantSecretKey[]> {
    if (!UUID.test(tenantId)) return Promise.resolve([]);
    return this.secretKeys.find({
      where: { tenantId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Revokes a tenant's key `graceSeconds` from now (0 = immediately). A key already revoked keeps
   * the earlier of its revocation times: a grace period can be shortened, never extended.
   * Null when the tenant has no such key.
   */
  async revokeSecretKey(
    tenantId: string,
    keyId: string,
    graceSeconds = 0,
  ): Promise<TenantSecretKey | null> {
    if (!UUID.test(tenantId) || !UUID.test(keyId)) return null;
    if (!Number.isInteger(graceSeconds) || graceSeconds < 0) {
      throw new RangeError('graceSeconds must be a whole number ≥ 0');
    }
    const result = await this.secretKeys
      .createQueryBuilder()
      .update()
      .set({
        revokedAt: () =>
          `LEAST(COALESCE("revoked_at", 'infinity'::timestamptz), now() + make_interval(secs => :graceSeconds))`,
      })
      .where('id = :keyId AND tenant_id = :tenantId', { keyId, tenantId })
      .setParameter('graceSeconds', graceSeconds)
      .execute();
    if (!result.affected) return null;
    return this.secretKeys.findOneBy({ id: keyId });
  }

  /** The key with this hash and its tenant, if the key is not revoked (or still in its grace period). */
  async findActiveSecretKey(keyHash: string): Promise<ActiveSecretKey | null> {
    const key = await this.secretKeys
      .createQueryBuilder('key')
      .innerJoinAndSelect('key.tenant', 'tenant')
      .where('key.keyHash = :keyHash', { keyHash })
      .andWhere('(key.revokedAt IS NULL OR key.revokedAt > now())')
      .getOne();
    if (!key?.tenant) return null;
    const { tenant, ...ownFields } = key;
    return { tenant, key: ownFields };
  }
}
