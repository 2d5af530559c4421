import { encodeQuarantineRecord, QUARANTINE_RECORD_HEADER, TOPICS, type TopicName } from '@pulse/contracts';
import type { OutgoingMessage } from '@pulse/messaging';
import { DataQualityCountersRepository, EventRollupRepository, QuarantineRepository, TenantRepository } from '@pulse/storage';
import { randomBytes } from 'node:crypto';
import { DISTRIBUTED_TARGET, EMBEDDED_TARGET, startProcessor, type ProcessorEnvironment, type RunningProcessor } from '../testing/processor-targets';
import { waitFor } from '../testing/wait-for';

const WAIT_MS = 60_000;
const NOW = Date.parse('2025-03-12T15:00:00.000Z');
/** Bounds small enough to see the oldest go: at most 3 kept per tenant. */
const QUARANTINE_BOUNDS = { maxEventsPerTenant: 3, maxAgeMs: 30 * 86_400_000 };

/** A purchase without order_id whose revenue is text: two rules broken, one value set aside. */
const brokenPurchase = (eventId: string) => ({
  eventId,
  type: 'purchase',
  timestamp: '2025-03-12T14:00:00Z',
  userId: 'ann',
  properties: { revenue: 'ten', currency: 'EUR', coupon: 'SPRING' },
});
const cleanPurchase = { eventId: 'ok-1', type: 'purchase', timestamp: '2025-03-12T14:05:00Z', userId: 'ann', properties: { order_id: 'o-1', revenue: 40, currency: 'EUR' } };

describe.each([EMBEDDED_TARGET, DISTRIBUTED_TARGET])('data quality in the stream processor on $name', (target) => {
  let environment: ProcessorEnvironment;
  let processor: RunningProcessor;
  let lenient: string;
  let strict: string;

  const query = <T>(sql: string, parameters: unknown[] = []): Promise<T[]> => environment.store.dataSource.query(sql, parameters);
  const topic = (name: TopicName) => environment.options.topics.get(name) ?? name;
  const envelope = (tenantId: string, event: Record<string, unknown>): OutgoingMessage => ({
    key: `${tenantId}:${String(event['userId'])}`,
    value: JSON.stringify({ schemaVersion: 1, tenantId, receivedAt: '2025-03-12T14:00:01Z', source: 'http', event }),
  });
  const quarantined = (tenantId: string) => new QuarantineRepository(environment.store.dataSource).list(tenantId, { status: 'all', limit: 100 });
  const waitForQuarantined = (tenantId: string, count: number) =>
    waitFor(`${count} quarantined events`, async () => ((await quarantined(tenantId)).length === count ? true : undefined), WAIT_MS);

  beforeAll(async () => {
    environment = await target.open();
    environment.options.quarantine = QUARANTINE_BOUNDS;
    const tenants = new TenantRepository(environment.store.dataSource);
    const suffix = randomBytes(4).toString('hex');
    const create = (slug: string, schemaPolicy: 'lenient' | 'strict') =>
      tenants.create({ slug: `${slug}-${suffix}`, name: slug, writeKeyHash: `${slug}-${suffix}`, timeZone: 'Europe/Berlin', currency: 'EUR', schemaPolicy });
    lenient = (await create('lenient', 'lenient')).id;
    strict = (await create('strict', 'strict')).id;
    processor = await startProcessor(environment, () => NOW);

    await environment.bus.publish(topic(TOPICS.rawEvents), [
      envelope(lenient, brokenPurchase('bad-1')),
      envelope(lenient, cleanPurchase),
      envelope(strict, brokenPurchase('bad-2')),
    ]);
    await waitFor('the lenient tenant\'s two purchases', async () => ((await query(`SELECT 1 FROM events WHERE tenant_id = $1`, [lenient])).length === 2 ? true : undefined), WAIT_MS);
    await waitForQuarantined(strict, 1);
  });

  afterAll(async () => {
    await processor?.close();
    await environment?.dispose();
  });

  it('stores a lenient tenant\'s event that breaks its rules, with the violations and the set-aside value beside it', async () => {
    const [row] = await query<{ properties: unknown; violations: unknown; invalid_values: unknown }>(
      `SELECT properties, violations, invalid_values FROM events WHERE tenant_id = $1 AND event_id = 'bad-1'`,
      [lenient],
    );
    expect(row.properties).toEqual({ currency: 'EUR', coupon: 'SPRING' });
    expect(row.invalid_values).toEqual({ 'properties.revenue': 'ten' });
    expect(row.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'properties.order_id', rule: 'isDefined' }),
        expect.objectContaining({ field: 'properties.revenue', rule: 'isNumber' }),
      ]),
    );
    expect(await query(`SELECT violations FROM events WHERE tenant_id = $1 AND event_id = 'ok-1'`, [lenient])).toEqual([{ violations: null }]);
  });

  it('leaves the set-aside revenue out of the revenue rollup: one purchase summed of two counted', async () => {
    const [day] = await new EventRollupRepository(environment.store.dataSource).find(lenient, {
      granularity: 'day',
      from: new Date('2025-03-11T23:00:00Z'),
      to: new Date('2025-03-12T23:00:00Z'),
      eventTypes: ['purchase'],
    });
    expect(day.eventCount).toBe(2);
    expect(day.metrics['revenue']).toMatchObject({ count: 1, sum: 40 });
  });

  it('counts stored and stored-with-violations events by type, source, field and rule on the day received', async () => {
    const counters = await new DataQualityCountersRepository(environment.store.dataSource).read(lenient, '2025-03-01', '2025-03-31');
    expect(counters).toEqual([
      { day: '2025-03-12', eventType: 'purchase', source: 'http', outcome: 'stored', field: '', rule: '', count: 1 },
      { day: '2025-03-12', eventType: 'purchase', source: 'http', outcome: 'stored_with_violations', field: '', rule: '', count: 1 },
      { day: '2025-03-12', eventType: 'purchase', source: 'http', outcome: 'stored_with_violations', field: 'properties.order_id', rule: 'isDefined', count: 1 },
      { day: '2025-03-12', eventType: 'purchase', source: 'http', outcome: 'stored_with_violations', field: 'properties.revenue', rule: 'isNumber', count: 1 },
    ]);
  });

  it("dead-letters a strict tenant's event into its quarantine, with the rules broken and the original envelope", async () => {
    expect(await query(`SELECT 1 FROM events WHERE tenant_id = $1`, [strict])).toEqual([]);
    const [entry] = await quarantined(strict);
    expect(entry).toMatchObject({
      stage: 'processor',
      source: topic(TOPICS.rawEvents),
      eventId: 'bad-2',
      eventType: 'purchase',
      reason: 'schema_violation',
      receivedAt: new Date('2025-03-12T14:00:01Z'),
      payload: { tenantId: strict, event: { eventId: 'bad-2', properties: { revenue: 'ten' } } },
    });
    expect(entry.errors.map(({ field, rule }) => `${field} ${rule}`).sort()).toEqual(['properties.order_id isDefined', 'properties.revenue isNumber']);
  });

  it("keeps a poison message of a domain topic in its tenant's quarantine with the dead-letter reason", async () => {
    await environment.bus.publish(topic(TOPICS.conversationEvents), [
      { key: 'c-1', value: JSON.stringify({ event_id: 'c-1', tenant_id: lenient, event_type: 'started', timestamp: 'half past two' }) },
    ]);
    await waitForQuarantined(lenient, 1);
    const [entry] = await quarantined(lenient);
    expect(entry).toMatchObject({ stage: 'processor', source: topic(TOPICS.conversationEvents), eventId: 'c-1', reason: 'invalid' });
    expect(entry.errors).toEqual([expect.objectContaining({ field: 'timestamp' })]);
  });

  it('holds the quarantine to its bounds: the oldest dropped first, and counted', async () => {
    const records: OutgoingMessage[] = ['q1', 'q2', 'q3', 'q4'].map((eventId) => ({
      key: `${strict}:x`,
      headers: { [QUARANTINE_RECORD_HEADER]: '1' },
      value: encodeQuarantineRecord({
        tenantId: strict,
        receivedAt: '2025-03-12T14:30:00Z',
        source: 'segment',
        eventId,
        eventType: 'add_to_cart',
        reason: 'invalid',
        errors: [{ field: 'properties.product_id', rule: 'isDefined', message: 'properties.product_id is required' }],
        payload: { type: 'track', event: 'Product Added', messageId: eventId },
      }),
    }));
    await environment.bus.publish(environment.options.deadLetterTopic, records);
    await waitFor('q4 quarantined', async () => ((await quarantined(strict)).some((entry) => entry.eventId === 'q4') ? true : undefined), WAIT_MS);

    // bad-2, q1…q4 arrived; three are kept: the newest.
    expect((await quarantined(strict)).map((entry) => entry.eventId)).toEqual(['q4', 'q3', 'q2']);
    const counters = await new DataQualityCountersRepository(environment.store.dataSource).read(strict, '2025-03-01', '2030-01-01');
    const total = (outcome: string) => counters.filter((row) => row.outcome === outcome && row.field === '').reduce((sum, row) => sum + row.count, 0);
    expect(total('rejected')).toBe(5);
    expect(total('quarantine_dropped')).toBe(2);
    expect(counters).toEqual(
      expect.arrayContaining([
        { day: '2025-03-12', eventType: 'add_to_cart', source: 'segment', outcome: 'rejected', field: 'properties.product_id', rule: 'isDefined', count: 4 },
      ]),
    );
  });

  it('quarantines an event refused for a NUL character, which PostgreSQL cannot store, without blocking the topic', async () => {
    const withNul = { eventId: 'nul-1', type: 'page_view', timestamp: '2025-03-12T14:10:00Z', userId: 'ann', properties: { path: '/a\u0000b' } };
    await environment.bus.publish(topic(TOPICS.rawEvents), [envelope(lenient, withNul), envelope(lenient, { ...withNul, eventId: 'after-nul', properties: { path: '/b' } })]);

    await waitForQuarantined(lenient, 2);
    const [entry] = await quarantined(lenient);
    expect(entry).toMatchObject({ eventId: 'nul-1', reason: 'unstorable', payload: expect.stringContaining('\\u0000') });
    await waitFor('the event after it stored', async () => ((await query(`SELECT 1 FROM events WHERE tenant_id = $1 AND event_id = 'after-nul'`, [lenient])).length === 1 ? true : undefined), WAIT_MS);
  });
});
