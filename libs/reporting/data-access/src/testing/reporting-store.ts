import { TenantRepository } from '@pulse/storage';
import { STORE_TARGETS, type OpenedStore, type StoreTarget } from '@pulse/storage/testing';
import { randomBytes } from 'node:crypto';
import { REPORTING_STORE_SCHEMA } from '../lib/reporting-store-schema';

/** Both stores (PostgreSQL, PGlite), opened fresh with the reporting tables. */
export const REPORTING_STORE_TARGETS: ReadonlyArray<{ name: string; open(): Promise<OpenedStore> }> = STORE_TARGETS.map((target: StoreTarget) => ({
  name: target.name,
  open: () => target.open(REPORTING_STORE_SCHEMA),
}));

/** A tenant to own rows (the reporting tables reference `tenants`). */
export async function createReportingTenant(opened: OpenedStore): Promise<string> {
  const slug = `rp-${randomBytes(5).toString('hex')}`;
  const tenant = await new TenantRepository(opened.store.dataSource).create({ slug, name: slug, writeKeyHash: slug });
  return tenant.id;
}
