import { EntitySchema } from 'typeorm';
import type { Tenant } from './tenant.entity';

/** One secret key of a tenant (for the query APIs), stored as its SHA-256 only. */
export interface TenantSecretKey {
  id: string;
  tenantId: string;
  /** Hex SHA-256 of the key; unique, so a key finds its tenant in one indexed lookup. */
  keyHash: string;
  /** Free text from the admin ("dashboards", "ci"), to tell keys apart when rotating. */
  label: string | null;
  createdAt: Date;
  /** Null while active. A future instant means "valid until then": the grace period of a rotation. */
  revokedAt: Date | null;
  /** What the key may do: `read` always, `manage` to change the tenant's configuration (stored space-separated). */
  scopes: string[];
  /** Declared for the foreign key only; repositories never load it. */
  tenant?: Tenant;
}

/** Mirrors the `tenant_secret_keys` table created by the migrations; the drift test keeps the two equal. */
export const TenantSecretKeyEntity = new EntitySchema<TenantSecretKey>({
  name: 'TenantSecretKey',
  tableName: 'tenant_secret_keys',
  columns: {
    id: {
      type: 'uuid',
      primary: true,
      generated: 'uuid',
      primaryKeyConstraintName: 'PK_tenant_secret_keys',
    },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    keyHash: { name: 'key_hash', type: 'varchar', length: 128 },
    label: { type: 'varchar', length: 100, nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    revokedAt: { name: 'revoked_at', type: 'timestamptz', nullable: true },
    scopes: {
      type: 'varchar',
      length: 64,
      default: 'read',
      transformer: { to: (scopes: string[] | undefined) => scopes?.join(' '), from: (stored: string) => stored.split(' ') },
    },
  },
  relations: {
    tenant: {
      type: 'many-to-one',
      target: 'Tenant',
      joinColumn: {
        name: 'tenant_id',
        foreignKeyConstraintName: 'FK_tenant_secret_keys_tenant',
      },
      onDelete: 'CASCADE',
    },
  },
  uniques: [{ name: 'UQ_tenant_secret_keys_key_hash', columns: ['keyHash'] }],
  indices: [{ name: 'IDX_tenant_secret_keys_tenant', columns: ['tenantId'] }],
});
