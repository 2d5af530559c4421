import { ServiceMetrics } from '@pulse/observability';
import type { QuarantineRecord, RawEventEnvelope, SchemaPolicy } from '@pulse/contracts';
import { mapNativeEvent } from './acceptance/event-mappers';
import type { IngestionClock } from './ingestion-clock';
import { IngestionService } from './ingestion.service';
import { loadIngestionLimits } from './limits/ingestion-limits';
import { TenantRateLimiter } from './limits/tenant-rate-limiter';
import { IngestionMetrics } from './metrics/ingestion-metrics';
import { EventsNotStoredError } from './publishing/events-not-stored.error';
import type { RawEventPublisher } from './publishing/raw-event-publisher';
import type { TenantSchemaSettingsService } from './schema/tenant-schema-settings.service';

const CLOCK: IngestionClock = { now: () => new Date('2025-03-01T12:00:00.000Z'), newEventId: () => 'generated' };

function search(eventId?: string): Record<string, unknown> {
  return { ...(eventId ? { eventId } : {}), type: 'search', timestamp: '2025-03-01T11:00:00Z', userId: 'u', properties: { query: 'q' } };
}

describe('IngestionService', () => {
  let metrics: ServiceMetrics;
  let published: RawEventEnvelope[][];
  let quarantined: QuarantineRecord[][];
  let policy: SchemaPolicy;
  let failWith: Error | undefined;
  let service: IngestionService;

  beforeEach(() => {
    metrics = new ServiceMetrics('ingestion');
    published = [];
    quarantined = [];
    policy = 'lenient';
    failWith = undefined;
    const publisher = {
      publish: async (envelopes: RawEventEnvelope[], refused: QuarantineRecord[] = []) => {
        if (failWith) throw failWith;
        published.push(envelopes);
        quarantined.push(refused);
      },
    } as unknown as RawEventPublisher;
    const schemaSettings = { of: async () => ({ policy, mappings: [{ eventType: 'purchase', from: 'orderId', to: 'order_id', mode: 'rename' }] }) };
    const limits = loadIngestionLimits({});
    service = new IngestionService(
      limits,
      CLOCK,
      publisher,
      new IngestionMetrics(metrics),
      schemaSettings as unknown as TenantSchemaSettingsService,
      new TenantRateLimiter(limits.rateLimit),
    );
  });

  async function counter(name: string): Promise<string> {
    return (await metrics.registry.getSingleMetric(name)?.get())?.values.map((value) => `${JSON.stringify(value.labels)} ${value.value}`).join('\n') ?? '';
  }

  it('stamps receivedAt from its clock, publishes the valid events in one call and returns their ids', async () => {
    const result = await service.ingest({ tenantId: 't', source: 'http', events: [search('a'), { type: 1 }, search()], map: mapNativeEvent });

    expect(result.eventIds).toEqual(['a', 'generated']);
    expect(result.rejected.map((rejected) => rejected.index)).toEqual([1]);
    expect(published).toHaveLength(1);
    expect(published[0]?.map((envelope) => envelope.receivedAt)).toEqual(['2025-03-01T12:00:00.000Z', '2025-03-01T12:00:00.000Z']);
    expect(await counter('ingestion_events_accepted_total')).toBe('{"source":"http","type":"search"} 2');
    expect(await counter('ingestion_events_rejected_total')).toBe('{"source":"http","reason":"invalid","type":"unknown"} 1');
  });

  it('counts the events the bus did not take as not stored, and lets the 503 through', async () => {
    failWith = new EventsNotStoredError('timed_out', 'not stored', 5);

    await expect(service.ingest({ tenantId: 't', source: 'segment', events: [search('a'), search('b')], map: mapNativeEvent })).rejects.toBe(failWith);

    expect(await counter('ingestion_events_rejected_total')).toBe('{"source":"segment","reason":"not_stored","type":"search"} 2');
    expect(await counter('ingestion_events_accepted_total')).toBe('');
  });

  const purchase = (properties: Record<string, unknown>) => ({
    type: 'purchase',
    timestamp: '2025-03-01T11:00:00Z',
    userId: 'u',
    properties: { currency: 'EUR', revenue: 5, ...properties },
  });

  it("accepts an event breaking its type's property rules under the lenient policy, as sent", async () => {
    const result = await service.ingest({ tenantId: 't', source: 'http', events: [purchase({ revenue: 'five' })], map: mapNativeEvent });

    expect(result.rejected).toEqual([]);
    expect(published[0]?.[0]?.event.properties).toEqual({ currency: 'EUR', revenue: 'five' });
  });

  it('rejects it under the strict policy and sends it to the quarantine with an id, its reason and the payload as sent', async () => {
    policy = 'strict';

    const result = await service.ingest({ tenantId: 't', source: 'http', events: [purchase({ revenue: 'five' })], map: mapNativeEvent });

    expect(result.rejected.map(({ index, reason }) => ({ index, reason }))).toEqual([{ index: 0, reason: 'invalid' }]);
    expect(quarantined[0]).toEqual([
      {
        tenantId: 't',
        receivedAt: '2025-03-01T12:00:00.000Z',
        source: 'http',
        eventId: 'generated',
        eventType: 'purchase',
        reason: 'invalid',
        errors: expect.arrayContaining([expect.objectContaining({ field: 'properties.order_id', rule: 'isDefined' })]),
        payload: purchase({ revenue: 'five' }),
      },
    ]);
  });

  it("applies the tenant's property mappings before validating, under either policy", async () => {
    policy = 'strict';

    const result = await service.ingest({ tenantId: 't', source: 'http', events: [purchase({ orderId: 'o-1' })], map: mapNativeEvent });

    expect(result.rejected).toEqual([]);
    expect(published[0]?.[0]?.event.properties).toEqual({ currency: 'EUR', revenue: 5, order_id: 'o-1' });
  });

  it('quarantines envelope problems under the lenient policy too, keeping the client id', async () => {
    const result = await service.ingest({ tenantId: 't', source: 'http', events: [{ eventId: 'mine', type: 'search', properties: {} }], map: mapNativeEvent });

    expect(result.rejected).toHaveLength(1);
    expect(quarantined[0]?.map(({ eventId, reason }) => ({ eventId, reason }))).toEqual([{ eventId: 'mine', reason: 'invalid' }]);
  });
});
