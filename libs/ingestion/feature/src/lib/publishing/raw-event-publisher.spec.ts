import { Logger } from '@nestjs/common';
import { decodeEnvelope, TOPICS, type RawEventEnvelope } from '@pulse/contracts';
import type { MessageBus, OutgoingMessage } from '@pulse/messaging';
import { REQUEST_ID_HEADER, runWithRequestContext, ServiceMetrics } from '@pulse/observability';
import { loadIngestionLimits, type IngestionLimits } from '../limits/ingestion-limits';
import { IngestionMetrics } from '../metrics/ingestion-metrics';
import { EventsNotStoredError } from './events-not-stored.error';
import { partitionKeyOf } from './partition-key';
import { RawEventPublisher } from './raw-event-publisher';

function envelope(eventId: string, identity: { userId?: string; anonymousId?: string }): RawEventEnvelope {
  return {
    schemaVersion: 1,
    tenantId: 't-1',
    receivedAt: '2025-03-01T12:00:00.000Z',
    source: 'http',
    event: { eventId, type: 'search', category: 'commerce', timestamp: '2025-03-01T11:59:00.000Z', ...identity, properties: { query: 'q' } },
  };
}

/** A bus whose publish the test settles by hand. */
function fakeBus() {
  const published: { topic: string; messages: OutgoingMessage[] }[] = [];
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const bus = {
    publish: (topic: string, messages: OutgoingMessage[]) =>
      new Promise<void>((resolve, reject) => {
        published.push({ topic, messages });
        pending.push({ resolve, reject });
      }),
  } as unknown as MessageBus;
  return { bus, published, pending };
}

async function notStoredOf(promise: Promise<unknown>): Promise<EventsNotStoredError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EventsNotStoredError) return error;
    throw error;
  }
  throw new Error('expected EventsNotStoredError');
}

describe('RawEventPublisher', () => {
  afterEach(() => jest.restoreAllMocks());

  let limits: IngestionLimits;
  let metrics: ServiceMetrics;

  beforeEach(() => {
    // The publisher logs each outage; the tests provoke them on purpose.
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    limits = { ...loadIngestionLimits({}), publishTimeoutMs: 50, maxPendingEvents: 3, retryAfterSeconds: 7 };
    metrics = new ServiceMetrics('ingestion');
  });

  function publisherOn(bus: MessageBus): RawEventPublisher {
    return new RawEventPublisher(bus, limits, new IngestionMetrics(metrics));
  }

  it('publishes encoded envelopes to the raw topic keyed by tenant and user, and resolves once acknowledged', async () => {
    const { bus, published, pending } = fakeBus();
    const sent = [envelope('e-1', { userId: 'u-1' }), envelope('e-2', { anonymousId: 'a-1' })];

    const publishing = publisherOn(bus).publish(sent);
    pending[0]?.resolve();
    await publishing;

    expect(published).toHaveLength(1);
    expect(published[0]?.topic).toBe(TOPICS.rawEvents);
    expect(published[0]?.messages.map((message) => message.key)).toEqual(['t-1:u-1', 't-1:a-1']);
    expect(published[0]?.messages.map((message) => decodeEnvelope(String(message.value)))).toEqual(
      sent.map((envelope) => ({ ok: true, envelope })),
    );
  });

  it("carries the request's id in every message's headers, raw and quarantined alike", async () => {
    const { bus, published, pending } = fakeBus();
    const refused = { tenantId: 't-1', receivedAt: '2025-03-01T12:00:00.000Z', source: 'http' as const, eventId: 'bad', reason: 'invalid' as const, errors: [], payload: {} };

    const publishing = runWithRequestContext({ requestId: 'req-42' }, () => publisherOn(bus).publish([envelope('e-1', { userId: 'u-1' })], [refused]));
    for (const settle of pending) settle.resolve();
    await publishing;

    expect(published.flatMap(({ messages }) => messages.map((message) => message.headers?.[REQUEST_ID_HEADER]))).toEqual(['req-42', 'req-42']);
  });

  it('turns a refused publish into EventsNotStoredError with Retry-After', async () => {
    const { bus, pending } = fakeBus();
    const publishing = publisherOn(bus).publish([envelope('e-1', { userId: 'u' })]);
    pending[0]?.reject(new Error('KafkaJSConnectionError: connect ECONNREFUSED'));

    const error = await notStoredOf(publishing);

    expect(error.reason).toBe('failed');
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('stops waiting after the publish timeout, answering not stored', async () => {
    const { bus } = fakeBus();

    const error = await notStoredOf(publisherOn(bus).publish([envelope('e-1', { userId: 'u' })]));

    expect(error.reason).toBe('timed_out');
    expect(error.message).toContain('did not acknowledge them within 50 ms');
  });

  it('refuses at once while too many events wait for the bus, and accepts again when they settle', async () => {
    const { bus, pending } = fakeBus();
    const publisher = publisherOn(bus);
    const waiting = publisher.publish([envelope('e-1', { userId: 'u' }), envelope('e-2', { userId: 'u' })]);

    const error = await notStoredOf(publisher.publish([envelope('e-3', { userId: 'u' }), envelope('e-4', { userId: 'u' })]));
    expect(error.reason).toBe('overloaded');

    pending[0]?.resolve();
    await waiting;
    const next = publisher.publish([envelope('e-5', { userId: 'u' }), envelope('e-6', { userId: 'u' })]);
    pending[1]?.resolve();
    await expect(next).resolves.toBeUndefined();
  });

  it('does nothing for an empty list', async () => {
    const { bus, published } = fakeBus();

    await publisherOn(bus).publish([]);

    expect(published).toEqual([]);
  });
});

describe('partitionKeyOf', () => {
  it('keys by tenant and user id, else anonymous id, else event id', () => {
    expect(partitionKeyOf(envelope('e', { userId: 'u', anonymousId: 'a' }))).toBe('t-1:u');
    expect(partitionKeyOf(envelope('e', { anonymousId: 'a' }))).toBe('t-1:a');
    expect(partitionKeyOf(envelope('e', {}))).toBe('t-1:e');
  });
});
