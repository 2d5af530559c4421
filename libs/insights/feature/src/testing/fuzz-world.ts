import { POSTGRES_TARGET } from '@pulse/storage/testing';
import { storeEventsAsProcessor, type ProcessedEvent } from './behaviour-app';
import { startDomainsApp, type DomainsAppUnderTest, type DomainsTenant, type HttpAnswer } from './domains-app';

/** The week the fuzzed tenant's events fall in (requests are built around it, so valid ones find data). */
export const FUZZ_WEEK = { from: '2026-03-01T00:00:00Z', to: '2026-03-08T00:00:00Z' };
export const FUZZ_EVENT_TYPES = ['page_viewed', 'add_to_cart', 'order_completed', 'signup'] as const;
export const FUZZ_PERSONS = ['ana', 'ben', 'cem', 'dia', 'eli', 'fay'] as const;
/** Text only the other tenant's events carry: an answer to the fuzzed tenant that contains it shows another tenant's data. */
export const INTRUDER_MARK = 'intruder';

const HOUR = 3_600_000;

/**
 * Two insights services on fresh PostgreSQL databases: `app` holds the fuzzed tenant's events and another
 * tenant's (the same types at the same instants, many more of them, with values and names of their own);
 * `reference` holds only the fuzzed tenant's events. Tenant scoping holds when every request answers the
 * same on both: a query that read the other tenant's rows would count, sum or group them in `app` only.
 */
export interface FuzzWorld {
  app: DomainsAppUnderTest;
  reference: DomainsAppUnderTest;
  tenant: DomainsTenant;
  /** POSTs the raw body to both services with the fuzzed tenant's key. */
  post(path: string, body: string): Promise<{ answer: HttpAnswer; referenceAnswer: HttpAnswer }>;
  stop(): Promise<void>;
}

export async function startFuzzWorld(): Promise<FuzzWorld> {
  const app = await startDomainsApp(POSTGRES_TARGET);
  let reference: DomainsAppUnderTest | undefined;
  try {
    reference = await startDomainsApp(POSTGRES_TARGET);
    const tenant = await app.createTenant({ timeZone: 'Europe/Berlin' });
    const intruder = await app.createTenant({ timeZone: 'Europe/Berlin' });
    const referenceTenant = await reference.createTenant({ timeZone: 'Europe/Berlin' });
    await storeEventsAsProcessor(app.store, [...fuzzTenantEvents(tenant.id), ...intruderEvents(intruder.id)]);
    await storeEventsAsProcessor(reference.store, fuzzTenantEvents(referenceTenant.id));
    const referenceApp = reference;
    return {
      app,
      reference: referenceApp,
      tenant,
      post: async (path, body) => {
        const [answer, referenceAnswer] = await Promise.all([
          app.request('POST', path, { secretKey: tenant.secretKey, body }),
          referenceApp.request('POST', path, { secretKey: referenceTenant.secretKey, body }),
        ]);
        return { answer, referenceAnswer };
      },
      stop: async () => {
        await app.stop();
        await referenceApp.stop();
      },
    };
  } catch (error) {
    await app.stop();
    await reference?.stop();
    throw error;
  }
}

/** 42 events of six persons over the week: page views, carts, orders (with revenue and nested items), signups. */
export function fuzzTenantEvents(tenantId: string): ProcessedEvent[] {
  const start = Date.parse(FUZZ_WEEK.from);
  return Array.from({ length: 42 }, (_, index) => {
    const person = FUZZ_PERSONS[index % FUZZ_PERSONS.length] as string;
    const type = FUZZ_EVENT_TYPES[index % FUZZ_EVENT_TYPES.length] as string;
    const at = new Date(start + index * 4 * HOUR + (index % 3) * 17 * 60_000);
    return {
      tenantId,
      eventId: `fuzz-${index}`,
      type,
      category: type === 'order_completed' ? 'commerce' : 'test',
      occurredAt: at,
      receivedAt: at,
      userId: index % 7 === 0 ? undefined : person,
      anonymousId: `device-${person}`,
      sessionId: `session-${person}-${Math.floor(index / 6)}`,
      userKey: index % 7 === 0 ? `anon:device-${person}` : person,
      deviceType: index % 2 === 0 ? 'mobile' : 'desktop',
      properties: {
        plan: index % 3 === 0 ? 'pro' : 'free',
        revenue: (index % 50) + 1,
        'utm.source': 'newsletter',
        order: { items: [{ sku: `sku-${index % 4}`, price: (index % 10) + 1 }] },
        flag: index % 2 === 0,
      },
      context: { page: { path: `/p/${index % 5}` }, campaign: { source: 'newsletter' }, locale: 'de-DE' },
    };
  });
}

/** The other tenant: 25 events at each instant the fuzzed tenant has one, the same types, half of them by the same user ids. */
function intruderEvents(tenantId: string): ProcessedEvent[] {
  return fuzzTenantEvents(tenantId).flatMap((event, index) =>
    Array.from({ length: 25 }, (_, copy): ProcessedEvent => {
      const userId = copy % 2 === 0 ? event.userId ?? `${INTRUDER_MARK}-${copy}` : `${INTRUDER_MARK}-${index}-${copy}`;
      return {
        ...event,
        eventId: `${INTRUDER_MARK}-${index}-${copy}`,
        userId,
        anonymousId: `${INTRUDER_MARK}-device-${copy}`,
        sessionId: `${INTRUDER_MARK}-session-${copy}`,
        userKey: userId,
        deviceType: INTRUDER_MARK,
        properties: {
          plan: INTRUDER_MARK,
          revenue: 1_000_000,
          'utm.source': INTRUDER_MARK,
          order: { items: [{ sku: INTRUDER_MARK, price: 1_000_000 }] },
          flag: true,
        },
        context: { page: { path: `/${INTRUDER_MARK}` }, campaign: { source: INTRUDER_MARK }, locale: INTRUDER_MARK },
      };
    }),
  );
}
