import { Module } from '@nestjs/common';
import { ModelVersionRepository, StoredIntentModelSource } from '@pulse/ml-data-access';
import { LiveStateModule } from '@pulse/realtime';
import { DATA_SOURCE, TenantRepository } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { InputProgress } from './aggregates/input-progress';
import { MinuteAggregatePublisher } from './aggregates/minute-aggregate-publisher';
import { PROCESSOR_CLOCK } from './aggregates/processor-clock';
import { EventStreamConsumer } from './consumer/event-stream-consumer';
import { QuarantineConsumer } from './consumer/quarantine-consumer';
import { LiveStateRecovery } from './live-state/live-state-recovery';
import { EventBatchProcessor } from './pipeline/event-batch-processor';
import { LiveStateNotifier } from './pipeline/live-state-notifier';
import { MessageDeriver } from './pipeline/message-deriver';
import { TenantDirectory } from './pipeline/tenant-directory';
import { ProcessorMetrics } from './processor-metrics';
import { QuarantineWriter } from './quarantine/quarantine-writer';
import { RetentionSweeper } from './retention/retention-sweeper';
import { loadRetentionSweepOptions, RETENTION_SWEEP_OPTIONS } from './retention/retention-sweep-options';
import { loadStreamProcessorOptions, STREAM_PROCESSOR_OPTIONS } from './stream-processor-options';

/** The stream processor service's controllers and providers; the app and the embedded start both import it. */
@Module({
  imports: [LiveStateModule],
  providers: [
    { provide: STREAM_PROCESSOR_OPTIONS, useFactory: () => loadStreamProcessorOptions() },
    {
      provide: TenantDirectory,
      useFactory: (dataSource: DataSource) => new TenantDirectory(new TenantRepository(dataSource)),
      inject: [DATA_SOURCE],
    },
    {
      // The insights service's intent models; a store without its model_versions table reads as no model.
      provide: MessageDeriver,
      useFactory: (dataSource: DataSource) => new MessageDeriver(new StoredIntentModelSource(new ModelVersionRepository(dataSource))),
      inject: [DATA_SOURCE],
    },
    ProcessorMetrics,
    LiveStateNotifier,
    LiveStateRecovery,
    EventBatchProcessor,
    EventStreamConsumer,
    QuarantineWriter,
    QuarantineConsumer,
    { provide: PROCESSOR_CLOCK, useValue: () => Date.now() },
    InputProgress,
    MinuteAggregatePublisher,
    { provide: RETENTION_SWEEP_OPTIONS, useFactory: () => loadRetentionSweepOptions() },
    RetentionSweeper,
  ],
})
export class StreamProcessorModule {}
