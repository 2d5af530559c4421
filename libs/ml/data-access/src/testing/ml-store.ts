import { TenantRepository } from '@pulse/storage';
import { STORE_TARGETS, type OpenedStore, type StoreTarget } from '@pulse/storage/testing';
import { randomBytes } from 'node:crypto';
import { ML_STORE_SCHEMA } from '../lib/ml-store-schema';

/** Both stores (PostgreSQL, PGlite), opened fresh with the ML tables. */
export const ML_STORE_TARGETS: ReadonlyArray<{ name: string; open(): Promise<OpenedStore> }> = STORE_TARGETS.map((target: StoreTarget) => ({
  name: target.name,
  open: () => target.open(ML_STORE_SCHEMA),
}));

/** A tenant to own rows (the ML tables reference `tenants`). */
export async function createTenant(opened: OpenedStore): Promise<string> {
  const slug = `ml-${randomBytes(5).toString('hex')}`;
  const tenant = await new TenantRepository(opened.store.dataSource).create({ slug, name: slug, writeKeyHash: slug });
  return tenant.id;
}
