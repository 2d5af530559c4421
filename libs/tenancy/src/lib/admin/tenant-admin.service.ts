import { Injectable } from '@nestjs/common';
import { TenantKeyRepository, TenantRepository, type Tenant, type TenantSecretKey, type TenantSettings } from '@pulse/storage';
import { generateApiKey, hashApiKey } from '../api-keys';
import { TenantAuthService } from '../auth/tenant-auth.service';

export interface NewTenantProfile {
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  /** lenient (default) or strict: see `SchemaPolicy` in @pulse/contracts. */
  schemaPolicy?: Tenant['schemaPolicy'];
  /** Keep message texts after deriving sentiment and intent; false (default): the stream processor drops them. */
  storeMessageText?: boolean;
}

/** A tenant as the admin API shows it: never a key or a key hash. */
export interface TenantView {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  schemaPolicy: Tenant['schemaPolicy'];
  storeMessageText: boolean;
  /** Later events of ids erased while this is on are dropped by the stream processor. */
  suppressErasedUsers: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SecretKeyView {
  id: string;
  label: string | null;
  createdAt: string;
  /** Null while active; a future instant while in its grace period. */
  revokedAt: string | null;
}

/** A secret key at creation: the only time the key itself is shown. */
export interface CreatedSecretKey extends SecretKeyView {
  key: string;
}

export interface TenantDetails extends TenantView {
  secretKeys: SecretKeyView[];
}

export interface CreatedTenant {
  tenant: TenantView;
  /** Shown once: only its hash is stored. */
  writeKey: string;
  /** Shown once: only its hash is stored. */
  secretKey: CreatedSecretKey;
}

/**
 * Creates tenants and rotates their keys. New keys are returned once and stored as hashes; every
 * rotation or revocation drops this process's cached answers for the tenant (see `TenantAuthService`).
 */
@Injectable()
export class TenantAdminService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly keys: TenantKeyRepository,
    private readonly auth: TenantAuthService,
  ) {}

  /**
   * A tenant with its write key and a first secret key.
   * @throws TenantAlreadyExistsError (slug taken), InvalidTenantError (profile refused by storage).
   */
  async createTenant(profile: NewTenantProfile): Promise<CreatedTenant> {
    const writeKey = generateApiKey('write');
    const tenant = await this.tenants.create({ ...profile, writeKeyHash: hashApiKey(writeKey) });
    const secretKey = await this.issueSecretKey(tenant.id, 'default');
    return { tenant: toTenantView(tenant), writeKey, secretKey };
  }

  /** Changes the settings given, the others stay. Null for an unknown tenant. */
  async updateSettings(tenantId: string, settings: TenantSettings): Promise<TenantView | null> {
    const tenant = await this.tenants.updateSettings(tenantId, settings);
    return tenant ? toTenantView(tenant) : null;
  }

  async listTenants(): Promise<TenantView[]> {
    return (await this.tenants.list()).map(toTenantView);
  }

  /** Null for an unknown id. */
  async getTenant(tenantId: string): Promise<TenantDetails | null> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) return null;
    const secretKeys = await this.keys.listSecretKeys(tenant.id);
    return { ...toTenantView(tenant), secretKeys: secretKeys.map(toSecretKeyView) };
  }

  /** A new write key; the old one stops working at once. Null for an unknown tenant. */
  async rotateWriteKey(tenantId: string): Promise<{ tenant: TenantView; writeKey: string } | null> {
    const writeKey = generateApiKey('write');
    const tenant = await this.keys.replaceWriteKeyHash(tenantId, hashApiKey(writeKey));
    if (!tenant) return null;
    this.auth.forgetTenant(tenant.id);
    return { tenant: toTenantView(tenant), writeKey };
  }

  /** One more secret key, e.g. the new half of a rotation. Null for an unknown tenant. */
  async createSecretKey(tenantId: string, label?: string): Promise<CreatedSecretKey | null> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) return null;
    return this.issueSecretKey(tenant.id, label);
  }

  /**
   * Revokes a secret key now, or after `graceSeconds` so clients can switch to its successor.
   * Null when the tenant has no such key.
   */
  async revokeSecretKey(tenantId: string, keyId: string, graceSeconds = 0): Promise<SecretKeyView | null> {
    const revoked = await this.keys.revokeSecretKey(tenantId, keyId, graceSeconds);
    if (!revoked) return null;
    this.auth.forgetTenant(tenantId);
    return toSecretKeyView(revoked);
  }

  private async issueSecretKey(tenantId: string, label: string | undefined): Promise<CreatedSecretKey> {
    const key = generateApiKey('secret');
    const stored = await this.keys.createSecretKey({ tenantId, keyHash: hashApiKey(key), label });
    return { ...toSecretKeyView(stored), key };
  }
}

function toTenantView(tenant: Tenant): TenantView {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    timeZone: tenant.timeZone,
    currency: tenant.currency,
    schemaPolicy: tenant.schemaPolicy,
    storeMessageText: tenant.storeMessageText,
    suppressErasedUsers: tenant.suppressErasedUsers,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

function toSecretKeyView(key: TenantSecretKey): SecretKeyView {
  return {
    id: key.id,
    label: key.label,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
