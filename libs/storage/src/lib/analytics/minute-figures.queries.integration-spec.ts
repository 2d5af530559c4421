import { randomBytes } from 'node:crypto';
import { STORE_TARGETS, type OpenedStore } from '../../testing/store-targets';
import { EventRepository } from '../repositories/event.repository';
import type { NewEvent } from '../repositories/new-event';
import { TenantRepository } from '../repositories/tenant.repository';
import { MinuteFiguresQueries } from './minute-figures.queries';

const MINUTE = new Date('2026-03-10T10:07:00Z');
const at = (seconds: number) => new Date(MINUTE.getTime() + seconds * 1000);
const DAY_MS = 86_400_000;

describe.each(STORE_TARGETS)('minute figures on $name', (target) => {
  let opened: OpenedStore;
  let shop: string;
  let quiet: string;
  let dormant: string;
  let figures: Awaited<ReturnType<MinuteFiguresQueries['forMinute']>>;

  const tenant = async (currency: string) => {
    const slug = `mf-${randomBytes(5).toString('hex')}`;
    return (await new TenantRepository(opened.store.dataSource).create({ slug, name: slug, writeKeyHash: slug, currency })).id;
  };
  const event = (
    tenantId: string,
    id: string,
    type: string,
    occurredAt: Date,
    properties: Record<string, unknown> = {},
    userId: string | null = 'u1',
  ): NewEvent => ({
    tenantId,
    eventId: id,
    type,
    category: 'custom',
    occurredAt,
    receivedAt: occurredAt,
    userId,
    properties,
  });

  beforeAll(async () => {
    opened = await target.open();
    shop = await tenant('EUR');
    quiet = await tenant('USD');
    dormant = await tenant('USD');
    await new EventRepository(opened.store.dataSource).insertMany([
      event(shop, 's1', 'page_view', at(0), {}, 'u1'),
      event(shop, 's2', 'page_view', at(30), {}, 'u2'),
      event(shop, 's3', 'purchase', at(31), { order_id: 'o1', revenue: 100, currency: 'EUR' }, 'u1'),
      // Revenue falls back to `total`; a purchase in another currency counts as an order but adds no revenue.
      event(shop, 's4', 'purchase', at(32), { order_id: 'o2', total: 30, currency: 'EUR' }, 'u2'),
      event(shop, 's5', 'purchase', at(33), { order_id: 'o3', revenue: 50, currency: 'USD' }, 'u3'),
      event(shop, 's6', 'system_metric', at(40), { metric_name: 'http_request_duration_ms', metric_value: 800, tags: { status: '503' } }, null),
      event(shop, 's7', 'system_metric', at(41), { metric_name: 'http_request_duration_ms', metric_value: 200, tags: { status: '200' } }, null),
      // Another metric is no request.
      event(shop, 's10', 'system_metric', at(42), { metric_name: 'queue_depth', metric_value: 9000, tags: { status: '500' } }, null),
      event(shop, 's8', 'conversation_started', at(59.999), {}, 'u1'),
      // Outside the minute: the second before it and its end.
      event(shop, 's0', 'page_view', at(-1), {}, 'u9'),
      event(shop, 's9', 'page_view', at(60), {}, 'u9'),
      // The quiet tenant had an event six days ago; the dormant one eight days ago.
      event(quiet, 'q1', 'page_view', new Date(MINUTE.getTime() - 6 * DAY_MS)),
      event(dormant, 'd1', 'page_view', new Date(MINUTE.getTime() - 8 * DAY_MS)),
    ]);
    // The processor's canonical user key (its enrichment); machine events have none.
    await opened.store.dataSource.query(`UPDATE "events" SET "user_key" = "user_id"`);
    figures = await new MinuteFiguresQueries(opened.store.dataSource).forMinute(MINUTE, 7 * DAY_MS);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('counts the events of [minute start, minute end) per type, the persons, orders and revenue in the tenant’s currency', () => {
    expect(figures.find((row) => row.tenantId === shop)).toEqual({
      tenantId: shop,
      minuteStart: '2026-03-10T10:07:00.000Z',
      events: 9,
      eventsByType: { conversation_started: 1, page_view: 2, purchase: 3, system_metric: 3 },
      activeUsers: 3,
      orders: 3,
      revenue: 130,
      currency: 'EUR',
      conversations: 1,
      requests: 2,
      errors: 1,
      errorRate: 0.5,
      // percentile_cont(0.95) of 200 and 800: 200 + 0.95 × 600.
      latencyP95Ms: 770,
    });
  });

  it('gives a tenant active in the last seven days its zero minute, with no rates', () => {
    expect(figures.find((row) => row.tenantId === quiet)).toEqual({
      tenantId: quiet,
      minuteStart: '2026-03-10T10:07:00.000Z',
      events: 0,
      eventsByType: {},
      activeUsers: 0,
      orders: 0,
      revenue: 0,
      currency: 'USD',
      conversations: 0,
      requests: 0,
      errors: 0,
      errorRate: null,
      latencyP95Ms: null,
    });
  });

  it('leaves out a tenant without an event in the last seven days', () => {
    expect(figures.map((row) => row.tenantId)).not.toContain(dormant);
  });

  it('refuses a minute that does not start on a whole minute', async () => {
    await expect(new MinuteFiguresQueries(opened.store.dataSource).forMinute(at(1), DAY_MS)).rejects.toThrow('is not a whole minute');
  });
});
