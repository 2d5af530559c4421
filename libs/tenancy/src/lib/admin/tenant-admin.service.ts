import { Injectable } from '@nestjs/common';
import { TenantKeyRepository, TenantRepository, type Tenant, type TenantSecretKey, type TenantSettings } from '@pulse/storage';
import { generateApiKey, hashApiKey } from '../api-keys';
import { secretKeyScopesOf, type SecretKeyScope } from '../key-scopes';
import { TenantKeyChanges } from '../auth/tenant-key-changes';
import { AdminAuditService, AUDIT_ACTIONS, SYSTEM_ACTOR } from './admin-audit.service';

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

/** Options of a secret key being issued. */
export interface SecretKeyOptions {
  /** Free text telling keys apart when rotating. */
  label?: string;
  /** `read` is always granted; `['manage']` (or `['read', 'manage']`) also lets the key change configuration. */
  scopes?: readonly SecretKeyScope[];
}

/** Who asks, for the audit log: the admin identity (`adminIdentityOf`); `system` when omitted. */
export interface AdminActor {
  actor?: string;
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
  /** `['read']` or `['read', 'manage']`. */
  scopes: SecretKeyScope[];
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
 * Creates tenants and rotates their keys. New keys are returned once and stored as hashes; every rotation or
 * revocation is announced to every process (`TenantKeyChanges`). Each change is recorded in the audit log, with
 * key ids and scopes, never keys.
 */
@Injectable()
export class TenantAdminService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly keys: TenantKeyRepository,
    private readonly keyChanges: TenantKeyChanges,
    private readonly audit: AdminAuditService,
  ) {}

  /**
   * A tenant with its write key and a first secret key.
   * @throws TenantAlreadyExistsError (slug taken), InvalidTenantError (profile refused by storage).
   */
  async createTenant(profile: NewTenantProfile, options: AdminActor & { secretKeyScopes?: readonly SecretKeyScope[] } = {}): Promise<CreatedTenant> {
    const writeKey = generateApiKey('write');
    const tenant = await this.tenants.create({ ...profile, writeKeyHash: hashApiKey(writeKey) });
    const secretKey = await this.storeSecretKey(tenant.id, { label: 'default', scopes: options.secretKeyScopes });
    const view = toTenantView(tenant);
    const { id, slug, name, timeZone, currency, schemaPolicy, storeMessageText } = view;
    await this.record(options, AUDIT_ACTIONS.tenantCreate, id, slug, {
      slug,
      name,
      timeZone,
      currency,
      schemaPolicy,
      storeMessageText,
      secretKey: { id: secretKey.id, label: secretKey.label, scopes: secretKey.scopes },
    });
    return { tenant: view, writeKey, secretKey };
  }

  /** Changes the settings given, the others stay. Null for an unknown tenant. */
  async updateSettings(tenantId: string, settings: TenantSettings, by: AdminActor = {}): Promise<TenantView | null> {
    const tenant = await this.tenants.updateSettings(tenantId, settings);
    if (!tenant) return null;
    await this.record(by, AUDIT_ACTIONS.tenantUpdate, tenant.id, tenant.slug, { ...settings });
    return toTenantView(tenant);
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
  async rotateWriteKey(tenantId: string, by: AdminActor = {}): Promise<{ tenant: TenantView; writeKey: string } | null> {
    const writeKey = generateApiKey('write');
    const tenant = await this.keys.replaceWriteKeyHash(tenantId, hashApiKey(writeKey));
    if (!tenant) return null;
    await this.keyChanges.announce(tenant.id);
    await this.record(by, AUDIT_ACTIONS.writeKeyRotate, tenant.id, tenant.slug, {});
    return { tenant: toTenantView(tenant), writeKey };
  }

  /** One more secret key, e.g. the new half of a rotation. Null for an unknown tenant. */
  async createSecretKey(tenantId: string, options: SecretKeyOptions & AdminActor = {}): Promise<CreatedSecretKey | null> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) return null;
    const created = await this.storeSecretKey(tenant.id, options);
    await this.record(options, AUDIT_ACTIONS.secretKeyIssue, tenant.id, created.id, { label: created.label, scopes: created.scopes });
    return created;
  }

  /**
   * Revokes a secret key now, or after `graceSeconds` so clients can switch to its successor.
   * Null when the tenant has no such key.
   */
  async revokeSecretKey(tenantId: string, keyId: string, graceSeconds = 0, by: AdminActor = {}): Promise<SecretKeyView | null> {
    const revoked = await this.keys.revokeSecretKey(tenantId, keyId, graceSeconds);
    if (!revoked) return null;
    await this.keyChanges.announce(tenantId);
    const view = toSecretKeyView(revoked);
    await this.record(by, AUDIT_ACTIONS.secretKeyRevoke, tenantId, keyId, {
      label: view.label,
      scopes: view.scopes,
      graceSeconds,
      revokedAt: view.revokedAt,
    });
    return view;
  }

  private record(by: AdminActor, action: string, tenantId: string, subject: string, details: Record<string, unknown>): Promise<unknown> {
    return this.audit.record({ actor: by.actor ?? SYSTEM_ACTOR, action, tenantId, subject, details });
  }

  private async storeSecretKey(tenantId: string, options: SecretKeyOptions): Promise<CreatedSecretKey> {
    const key = generateApiKey('secret');
    const scopes = secretKeyScopesOf(options.scopes);
    const stored = await this.keys.createSecretKey({ tenantId, keyHash: hashApiKey(key), label: options.label, scopes });
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
    scopes: secretKeyScopesOf(key.scopes.includes('manage') ? ['manage'] : []),
  };
}
