import {
  TENANT_A,
  TENANT_B,
  anEvent,
  eventSeries,
} from '../../testing/event-fixtures';
import { STORE_TARGETS, type OpenedStore } from '../../testing/store-targets';
import { EVENTS_PER_INSERT_STATEMENT } from './event-insert-statements';
import { EventRepository } from './event.repository';

const MARCH_1 = new Date('2025-03-01T00:00:00.000Z');

describe.each(STORE_TARGETS)('EventRepository on $name', (target) => {
  let opened: OpenedStore;
  let events: EventRepository;

  beforeAll(async () => {
    opened = await target.open();
    events = new EventRepository(opened.store.dataSource);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  beforeEach(async () => {
    await opened.store.dataSource.query(`TRUNCATE "events"`);
  });

  it('reads back an event with equal values, JSONB and timestamps included', async () => {
    const event = anEvent();

    expect(await events.insertMany([event])).toEqual({ inserted: 1 });
    const [stored] = await events.findInRange(
      TENANT_A,
      MARCH_1,
      new Date('2025-04-01T00:00:00Z'),
      { limit: 10 },
    );

    expect(stored).toEqual(event);
  });

  it('stores missing identities as null and missing properties and context as empty objects', async () => {
    await events.insertMany([
      {
        tenantId: TENANT_A,
        eventId: 'bare',
        type: 'heartbeat',
        category: 'system',
        occurredAt: MARCH_1,
        receivedAt: MARCH_1,
      },
    ]);

    const [stored] = await events.findInRange(
      TENANT_A,
      MARCH_1,
      new Date('2025-03-02T00:00:00Z'),
      { limit: 1 },
    );

    expect(stored).toMatchObject({
      userId: null,
      anonymousId: null,
      sessionId: null,
      properties: {},
      context: {},
    });
  });

  it('inserts nothing when the same event ids arrive again, and the count stays put', async () => {
    const batch = eventSeries(3, MARCH_1);
    await events.insertMany(batch);

    const again = await events.insertMany(
      batch.map((event) => ({ ...event, type: 'changed_on_retry' })),
    );

    expect(again).toEqual({ inserted: 0 });
    expect(await events.countForTenant(TENANT_A)).toBe(3);
    const stored = await events.findInRange(
      TENANT_A,
      MARCH_1,
      new Date('2025-03-02T00:00:00Z'),
      { limit: 10 },
    );
    expect(stored.map((event) => event.type)).toEqual([
      'order_completed',
      'order_completed',
      'order_completed',
    ]);
  });

  it('counts only the new events of a batch that mixes new, already stored and repeated ids', async () => {
    await events.insertMany(eventSeries(2, MARCH_1));

    const result = await events.insertMany([
      ...eventSeries(4, MARCH_1), // evt-0 and evt-1 are stored already
      anEvent({ eventId: 'evt-3' }), // repeated inside the batch
    ]);

    expect(result).toEqual({ inserted: 2 });
    expect(await events.countForTenant(TENANT_A)).toBe(4);
  });

  it('lets two tenants use the same event id', async () => {
    const result = await events.insertMany([
      anEvent({ tenantId: TENANT_A }),
      anEvent({ tenantId: TENANT_B }),
    ]);

    expect(result).toEqual({ inserted: 2 });
  });

  it('never shows one tenant the events of another', async () => {
    await events.insertMany(
      eventSeries(5, MARCH_1, { tenantId: TENANT_A }, 'a'),
    );
    await events.insertMany(
      eventSeries(2, MARCH_1, { tenantId: TENANT_B }, 'b'),
    );

    const seenByB = await events.findInRange(
      TENANT_B,
      MARCH_1,
      new Date('2025-03-02T00:00:00Z'),
      { limit: 100 },
    );

    expect(seenByB.map((event) => event.eventId)).toEqual(['b-0', 'b-1']);
    expect(seenByB.every((event) => event.tenantId === TENANT_B)).toBe(true);
    expect(await events.countForTenant(TENANT_B)).toBe(2);
    expect(await events.countForTenant(TENANT_A)).toBe(5);
  });

  it('reads a half-open range [from, to) oldest first, up to the limit', async () => {
    await events.insertMany(eventSeries(10, MARCH_1).reverse());

    const page = await events.findInRange(
      TENANT_A,
      new Date(MARCH_1.getTime() + 2000),
      new Date(MARCH_1.getTime() + 8000),
      { limit: 4 },
    );

    expect(page.map((event) => event.eventId)).toEqual([
      'evt-2',
      'evt-3',
      'evt-4',
      'evt-5',
    ]);
  });

  it('narrows a range to the requested event types', async () => {
    await events.insertMany([
      anEvent({
        eventId: 'view',
        type: 'page_viewed',
        occurredAt: new Date('2025-03-01T10:00:00Z'),
      }),
      anEvent({
        eventId: 'cart',
        type: 'product_added',
        occurredAt: new Date('2025-03-01T10:01:00Z'),
      }),
      anEvent({
        eventId: 'order',
        type: 'order_completed',
        occurredAt: new Date('2025-03-01T10:02:00Z'),
      }),
    ]);
    const day = [MARCH_1, new Date('2025-03-02T00:00:00Z')] as const;

    const funnelEnds = await events.findInRange(TENANT_A, ...day, {
      limit: 10,
      types: ['page_viewed', 'order_completed'],
    });
    const none = await events.findInRange(TENANT_A, ...day, {
      limit: 10,
      types: [],
    });

    expect(funnelEnds.map((event) => event.eventId)).toEqual(['view', 'order']);
    expect(none).toEqual([]);
  });

  it('splits a batch larger than one statement can bind and stores every event', async () => {
    const batch = eventSeries(EVENTS_PER_INSERT_STATEMENT * 2 + 7, MARCH_1);

    expect(await events.insertMany(batch)).toEqual({ inserted: batch.length });
    expect(await events.countForTenant(TENANT_A)).toBe(batch.length);
  });

  it('stores a batch all or nothing: one bad row rolls back the chunks before it', async () => {
    const batch = eventSeries(EVENTS_PER_INSERT_STATEMENT + 1, MARCH_1);
    batch[batch.length - 1] = anEvent({
      eventId: 'bad',
      tenantId: 'not-a-uuid',
    });

    await expect(events.insertMany(batch)).rejects.toThrow(/uuid/);
    expect(await events.countForTenant(TENANT_A)).toBe(0);
  });

  it('stores 50,000 events in one call (throughput printed, not asserted)', async () => {
    const batch = eventSeries(50_000, MARCH_1, {}, 'bulk');

    const started = process.hrtime.bigint();
    const result = await events.insertMany(batch);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    expect(result).toEqual({ inserted: 50_000 });
    console.log(
      `${target.name}: insertMany stored 50,000 events in ${seconds.toFixed(2)} s (${Math.round(50_000 / seconds)} rows/s)`,
    );
  });
});
