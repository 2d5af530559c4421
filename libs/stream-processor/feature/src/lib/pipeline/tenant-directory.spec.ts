import type { Tenant } from '@pulse/storage';
import { TENANT_CACHE_TTL_MS, TenantDirectory } from './tenant-directory';

describe('TenantDirectory', () => {
  const shop = { id: 'shop', timeZone: 'Europe/Berlin', currency: 'EUR', storeMessageText: false } as Tenant;

  it('reads a tenant once per minute and does not remember unknown ids', async () => {
    let now = 0;
    const lookups: string[] = [];
    const directory = new TenantDirectory(
      {
        findById: async (id: string) => {
          lookups.push(id);
          return id === 'shop' ? shop : null;
        },
      },
      () => now,
    );

    expect([...(await directory.lookUp(['shop', 'ghost', 'shop'])).keys()]).toEqual(['shop']);
    await directory.lookUp(['shop', 'ghost']);
    now += TENANT_CACHE_TTL_MS;
    await directory.lookUp(['shop']);

    expect(lookups).toEqual(['shop', 'ghost', 'ghost', 'shop']);
  });
});
