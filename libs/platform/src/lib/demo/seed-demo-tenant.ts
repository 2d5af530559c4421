import { EventRepository, TenantRepository } from '@pulse/storage';
import { generateApiKey, hashApiKey } from '@pulse/tenancy';
import type { PlatformAdapters } from '../platform-adapters';
import { generateDemoEvents } from './demo-events';

export interface DemoTenant {
  tenantId: string;
  slug: string;
  writeKey: string;
  events: number;
}

/** Creates the demo tenant with a week of realistic events, so a fresh start has something to look at. */
export async function seedDemoTenant(adapters: PlatformAdapters, now = new Date()): Promise<DemoTenant> {
  const tenants = new TenantRepository(adapters.store.dataSource);
  const events = new EventRepository(adapters.store.dataSource);
  const writeKey = generateApiKey('write');
  const tenant = await tenants.create({
    slug: 'demo',
    name: 'Demo Shop',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    writeKeyHash: hashApiKey(writeKey),
  });
  const demoEvents = generateDemoEvents({ now, days: 7, users: 300 });
  const receivedAt = now;
  const { inserted } = await events.insertMany(
    demoEvents.map((event) => ({ ...event, tenantId: tenant.id, receivedAt })),
  );
  return { tenantId: tenant.id, slug: tenant.slug, writeKey, events: inserted };
}
