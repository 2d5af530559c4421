import { encodeEnvelope, TOPICS } from '@pulse/contracts';
import { TenantKeyRepository, TenantRepository } from '@pulse/storage';
import { generateApiKey, hashApiKey, secretKeyScopesOf } from '@pulse/tenancy';
import type { PlatformAdapters } from '../platform-adapters';
import { generateDemoEvents, toDemoEnvelope } from './demo-events';

export interface DemoTenant {
  tenantId: string;
  slug: string;
  /** Undefined for a tenant kept from an earlier run (a data directory): only its hash is stored. */
  writeKey: string | undefined;
  secretKey: string;
  /** Events published to the raw topic; the stream processor stores, enriches and rolls them up. */
  events: number;
}

const DEMO_SLUG = 'demo';

const PUBLISH_CHUNK = 500;

/**
 * Creates the demo tenant and sends it a week of realistic events through the raw topic, the way
 * ingestion does, so the demo exercises the same pipeline (de-duplication, enrichment, rollups, live state).
 */
export async function seedDemoTenant(adapters: PlatformAdapters, now = new Date()): Promise<DemoTenant> {
  const tenants = new TenantRepository(adapters.store.dataSource);
  const keys = new TenantKeyRepository(adapters.store.dataSource);
  const secretKey = generateApiKey('secret');
  // The web UI signs in with this key and edits dashboards and reports: it may manage, not only read.
  const demoKey = { keyHash: hashApiKey(secretKey), label: 'demo', scopes: [...secretKeyScopesOf(['manage'])] };
  const kept = await tenants.findBySlug(DEMO_SLUG);
  if (kept) {
    // A restart on a data directory: the demo data is there already. Its write key stays valid (clients
    // may use it); a new secret key is printed because the earlier one cannot be read back.
    await keys.createSecretKey({ tenantId: kept.id, ...demoKey });
    return { tenantId: kept.id, slug: kept.slug, writeKey: undefined, secretKey, events: 0 };
  }
  const writeKey = generateApiKey('write');
  const tenant = await tenants.create({
    slug: DEMO_SLUG,
    name: 'Demo Shop',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    writeKeyHash: hashApiKey(writeKey),
  });
  await keys.createSecretKey({ tenantId: tenant.id, ...demoKey });

  const events = generateDemoEvents({ now, days: 7, users: 300 });
  for (let start = 0; start < events.length; start += PUBLISH_CHUNK) {
    const messages = events.slice(start, start + PUBLISH_CHUNK).map((event) => ({
      key: `${tenant.id}:${event.userId}`,
      value: encodeEnvelope(toDemoEnvelope(event, tenant.id, now)),
    }));
    await adapters.bus.publish(TOPICS.rawEvents, messages);
  }
  return { tenantId: tenant.id, slug: tenant.slug, writeKey, secretKey, events: events.length };
}
