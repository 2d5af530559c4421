import { TenantRepository } from '@pulse/storage';
import { STORE_TARGETS, type OpenedStore, type StoreTarget } from '@pulse/storage/testing';
import { randomBytes } from 'node:crypto';
import { DASHBOARDS_STORE_SCHEMA } from '../lib/dashboards-store-schema';

/** Both stores (PostgreSQL, PGlite), opened fresh with the dashboards tables. */
export const DASHBOARDS_STORE_TARGETS: ReadonlyArray<{ name: string; open(): Promise<OpenedStore> }> = STORE_TARGETS.map((target: StoreTarget) => ({
  name: target.name,
  open: () => target.open(DASHBOARDS_STORE_SCHEMA),
}));

/** A tenant to own rows (the dashboards tables reference `tenants`). */
export async function createDashboardsTenant(opened: OpenedStore): Promise<string> {
  const slug = `db-${randomBytes(5).toString('hex')}`;
  const tenant = await new TenantRepository(opened.store.dataSource).create({ slug, name: slug, writeKeyHash: slug });
  return tenant.id;
}
