import { Logger } from '@nestjs/common';
import type { ReceivedMessage } from '@pulse/messaging';
import { JsonLogger, REQUEST_ID_HEADER, ServiceMetrics } from '@pulse/observability';
import type { LiveStateWriter } from '@pulse/realtime';
import type { DataSource } from 'typeorm';
import type { LiveStateRecovery } from '../live-state/live-state-recovery';
import { ProcessorMetrics } from '../processor-metrics';
import { DEFAULT_STREAM_PROCESSOR_OPTIONS } from '../stream-processor-options';
import { EventBatchProcessor } from './event-batch-processor';
import type { LiveStateNotifier } from './live-state-notifier';
import type { MessageDeriver } from './message-deriver';
import type { TenantDirectory } from './tenant-directory';

function message(value: string, requestId: string): ReceivedMessage {
  return {
    topic: 'pulse.events.raw.v1',
    partition: 0,
    offset: '1',
    key: null,
    value: Buffer.from(value),
    headers: { [REQUEST_ID_HEADER]: requestId },
    timestamp: '0',
  };
}

const pageViewOfUnknownTenant = JSON.stringify({
  schemaVersion: 1,
  tenantId: 'no-such-tenant',
  receivedAt: '2025-03-12T14:59:59Z',
  source: 'http',
  event: { eventId: 'e1', type: 'page_view', timestamp: '2025-03-12T14:59:00Z', userId: 'u1', properties: {} },
});

describe('EventBatchProcessor', () => {
  afterEach(() => Logger.overrideLogger(false));

  // Nothing in this batch reaches the database: one message is not JSON, the other names no known tenant.
  function processorWith(metrics: ServiceMetrics): EventBatchProcessor {
    return new EventBatchProcessor(
      {} as DataSource,
      { lookUp: async () => new Map() } as unknown as TenantDirectory,
      { derive: async (events: unknown[]) => events } as unknown as MessageDeriver,
      {} as LiveStateWriter,
      { notify: () => undefined } as unknown as LiveStateNotifier,
      { duringBatch: (work: () => Promise<unknown>) => work(), markStale: () => undefined } as unknown as LiveStateRecovery,
      new ProcessorMetrics(metrics),
      DEFAULT_STREAM_PROCESSOR_OPTIONS,
    );
  }

  it("writes the batch's log lines under the request ids its messages carry", async () => {
    const lines: string[] = [];
    Logger.overrideLogger(new JsonLogger({ service: 'stream-processor', level: 'debug', write: (line) => lines.push(line) }));

    await processorWith(new ServiceMetrics('stream-processor')).handleBatch([
      message('{"not json', 'req-a'),
      message(pageViewOfUnknownTenant, 'req-b'),
    ]);

    const batchLine = lines.map((line) => JSON.parse(line)).find((entry) => entry.message === 'batch handled');
    expect(batchLine).toMatchObject({ requestIds: ['req-a', 'req-b'], messages: 2, stored: 0, deadLettered: 2 });
  });

  it('counts dead letters by reason and event type, and the batch size', async () => {
    const metrics = new ServiceMetrics('stream-processor');

    await processorWith(metrics).handleBatch([message('{"not json', 'req-a'), message(pageViewOfUnknownTenant, 'req-b')]);

    const text = await metrics.registry.metrics();
    expect(text).toContain('pulse_processor_events_dead_lettered_total{reason="invalid",type="unknown",service="stream-processor"} 1');
    expect(text).toContain('pulse_processor_events_dead_lettered_total{reason="unknown_tenant",type="page_view",service="stream-processor"} 1');
    expect(text).toContain('pulse_processor_batch_messages_count{service="stream-processor"} 1');
    expect(text).toContain('pulse_processor_batch_messages_sum{service="stream-processor"} 2');
  });
});
