import { EntitySchema } from 'typeorm';

/** A tenant (a project): every event and query belongs to exactly one. */
export interface Tenant {
  id: string;
  /** Lowercase URL-safe name, unique across tenants. */
  slug: string;
  name: string;
  /** IANA time zone name; reports and day boundaries follow it. */
  timeZone: string;
  /** ISO 4217 code, e.g. 'USD'. */
  currency: string;
  /** Hash of the public write key; ingestion looks tenants up by it. */
  writeKeyHash: string;
  /** What happens to events whose properties break their type's rules: stored with violations, or rejected. */
  schemaPolicy: 'lenient' | 'strict';
  /** Keep message events' `text` after deriving sentiment and intent (personal data: off unless the tenant opts in). */
  storeMessageText: boolean;
  /** Drop later events of ids erased while this was on (`suppressed_users`); off: they are stored as a new person. */
  suppressErasedUsers: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Mirrors the `tenants` table created by the migrations; the drift test keeps the two equal. */
export const TenantEntity = new EntitySchema<Tenant>({
  name: 'Tenant',
  tableName: 'tenants',
  columns: {
    id: {
      type: 'uuid',
      primary: true,
      generated: 'uuid',
      primaryKeyConstraintName: 'PK_tenants',
    },
    slug: { type: 'varchar', length: 63 },
    name: { type: 'varchar', length: 200 },
    timeZone: {
      name: 'time_zone',
      type: 'varchar',
      length: 64,
      default: 'UTC',
    },
    currency: { type: 'char', length: 3, default: 'USD' },
    writeKeyHash: { name: 'write_key_hash', type: 'varchar', length: 128 },
    schemaPolicy: { name: 'schema_policy', type: 'varchar', length: 16, default: 'lenient' },
    storeMessageText: { name: 'store_message_text', type: 'boolean', default: false },
    suppressErasedUsers: { name: 'suppress_erased_users', type: 'boolean', default: false },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
  },
  uniques: [
    { name: 'UQ_tenants_slug', columns: ['slug'] },
    { name: 'UQ_tenants_write_key_hash', columns: ['writeKeyHash'] },
  ],
  checks: [
    { name: 'CHK_tenants_currency', expression: `"currency" ~ '^[A-Z]{3}$'` },
    { name: 'CHK_tenants_schema_policy', expression: `"schema_policy" IN ('lenient', 'strict')` },
  ],
});
