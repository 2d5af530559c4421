import { TOPICS } from '@pulse/contracts';
import { PersonErasureRepository, TenantRepository, type Tenant } from '@pulse/storage';
import { randomBytes } from 'node:crypto';
import { ProcessorMetrics } from '../processor-metrics';
import { EMBEDDED_TARGET, startProcessor, type ProcessorEnvironment, type RunningProcessor } from '../../testing/processor-targets';
import { waitFor } from '../../testing/wait-for';

const WAIT_MS = 60_000;
const NOW = Date.parse('2026-03-05T12:00:00Z');

/**
 * After a GDPR erase, a later event of the erased person is a new person, unless the tenant suppresses erased
 * users: then the processor drops it and counts it (`pulse_processor_events_suppressed_total`).
 */
describe('events of erased persons on the embedded bus', () => {
  let environment: ProcessorEnvironment;
  let processor: RunningProcessor;
  let suppressing: Tenant;
  let storing: Tenant;

  const query = <T>(sql: string, parameters: unknown[] = []): Promise<T[]> => environment.store.dataSource.query(sql, parameters);
  const eventIds = async (tenantId: string) =>
    (await query<{ event_id: string }>(`SELECT "event_id" FROM "events" WHERE "tenant_id" = $1 ORDER BY 1`, [tenantId])).map((row) => row.event_id);
  const publish = (tenantId: string, event: { eventId: string; type: string; userId?: string; anonymousId?: string }) =>
    environment.bus.publish(environment.options.topics.get(TOPICS.rawEvents)!, [
      {
        key: `${tenantId}:${event.userId ?? event.anonymousId}`,
        value: JSON.stringify({
          schemaVersion: 1,
          tenantId,
          receivedAt: new Date(NOW).toISOString(),
          source: 'http',
          event: { timestamp: new Date(NOW - 60_000).toISOString(), properties: {}, ...event },
        }),
      },
    ]);
  const waitForEvents = (tenantId: string, expected: string[]) =>
    waitFor(
      `events ${expected.join(', ')}`,
      async () => (JSON.stringify(await eventIds(tenantId)) === JSON.stringify(expected) ? true : undefined),
      WAIT_MS,
    );
  const suppressedCount = async () => (await processor.module.get(ProcessorMetrics).eventsSuppressed.get()).values[0]?.value ?? 0;

  beforeAll(async () => {
    environment = await EMBEDDED_TARGET.open();
    const tenants = new TenantRepository(environment.store.dataSource);
    const suffix = randomBytes(4).toString('hex');
    suppressing = await tenants.create({ slug: `suppress-${suffix}`, name: 'Suppress', writeKeyHash: `suppress-${suffix}` });
    suppressing = (await tenants.updateSettings(suppressing.id, { suppressErasedUsers: true }))!;
    storing = await tenants.create({ slug: `store-${suffix}`, name: 'Store', writeKeyHash: `store-${suffix}` });
    processor = await startProcessor(environment, () => NOW);

    for (const tenant of [suppressing, storing]) {
      await publish(tenant.id, { eventId: 'v1', type: 'page_view', anonymousId: 'anon-v' });
      await publish(tenant.id, { eventId: 'v2', type: 'identify', userId: 'victor', anonymousId: 'anon-v' });
      await waitForEvents(tenant.id, ['v1', 'v2']);
      await environment.store.dataSource.transaction((manager) =>
        new PersonErasureRepository(manager).erase(tenant, 'victor', { suppress: tenant.suppressErasedUsers }),
      );
      expect(await eventIds(tenant.id)).toEqual([]);
    }
    for (const tenant of [suppressing, storing]) {
      await publish(tenant.id, { eventId: 'v3', type: 'page_view', userId: 'victor' });
      await publish(tenant.id, { eventId: 'v4', type: 'page_view', anonymousId: 'anon-v' });
      await publish(tenant.id, { eventId: 'a1', type: 'page_view', userId: 'alice' });
    }
    await waitForEvents(storing.id, ['a1', 'v3', 'v4']);
    await waitForEvents(suppressing.id, ['a1']);
    await waitFor('two suppressed events counted', async () => ((await suppressedCount()) === 2 ? true : undefined), WAIT_MS);
  });

  afterAll(async () => {
    await processor?.close();
    await environment?.dispose();
  });

  it('drops and counts later events of every erased id when the tenant suppresses erased users', async () => {
    expect(await eventIds(suppressing.id)).toEqual(['a1']);
    expect(await suppressedCount()).toBe(2);
    const suppressed = await query<{ id: string }>(`SELECT "id" FROM "suppressed_users" WHERE "tenant_id" = $1 ORDER BY 1`, [suppressing.id]);
    expect(suppressed.map((row) => row.id)).toEqual(['anon-v', 'victor']);
  });

  it('stores later events as a new person otherwise: no link to the erased anonymous id, new person ids', async () => {
    const rows = await query<{ event_id: string; user_key: string }>(
      `SELECT "event_id", "user_key" FROM "events" WHERE "tenant_id" = $1 AND "event_id" LIKE 'v%' ORDER BY 1`,
      [storing.id],
    );
    // Before the erase anon-v was victor; now the two are strangers.
    expect(rows).toEqual([
      { event_id: 'v3', user_key: 'victor' },
      { event_id: 'v4', user_key: 'anon:anon-v' },
    ]);
    expect(await query(`SELECT * FROM "suppressed_users" WHERE "tenant_id" = $1`, [storing.id])).toEqual([]);
  });
});
