import { ServiceMetrics } from '@pulse/observability';
import type { RawEventEnvelope } from '@pulse/contracts';
import { mapNativeEvent } from './acceptance/event-mappers';
import type { IngestionClock } from './ingestion-clock';
import { IngestionService } from './ingestion.service';
import { loadIngestionLimits } from './limits/ingestion-limits';
import { IngestionMetrics } from './metrics/ingestion-metrics';
import { EventsNotStoredError } from './publishing/events-not-stored.error';
import type { RawEventPublisher } from './publishing/raw-event-publisher';

const CLOCK: IngestionClock = { now: () => new Date('2025-03-01T12:00:00.000Z'), newEventId: () => 'generated' };

function search(eventId?: string): Record<string, unknown> {
  return { ...(eventId ? { eventId } : {}), type: 'search', timestamp: '2025-03-01T11:00:00Z', userId: 'u', properties: { query: 'q' } };
}

describe('IngestionService', () => {
  let metrics: ServiceMetrics;
  let published: RawEventEnvelope[][];
  let failWith: Error | undefined;
  let service: IngestionService;

  beforeEach(() => {
    metrics = new ServiceMetrics('ingestion');
    published = [];
    failWith = undefined;
    const publisher = {
      publish: async (envelopes: RawEventEnvelope[]) => {
        if (failWith) throw failWith;
        published.push(envelopes);
      },
    } as unknown as RawEventPublisher;
    service = new IngestionService(loadIngestionLimits({}), CLOCK, publisher, new IngestionMetrics(metrics));
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
    expect(await counter('ingestion_events_accepted_total')).toBe('{"source":"http"} 2');
    expect(await counter('ingestion_events_rejected_total')).toBe('{"source":"http","reason":"invalid"} 1');
  });

  it('counts the events the bus did not take as not stored, and lets the 503 through', async () => {
    failWith = new EventsNotStoredError('timed_out', 'not stored', 5);

    await expect(service.ingest({ tenantId: 't', source: 'segment', events: [search('a'), search('b')], map: mapNativeEvent })).rejects.toBe(failWith);

    expect(await counter('ingestion_events_rejected_total')).toBe('{"source":"segment","reason":"not_stored"} 2');
    expect(await counter('ingestion_events_accepted_total')).toBe('');
  });
});
