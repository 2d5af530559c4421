import { Module } from '@nestjs/common';
import { LiveStateModule } from '@pulse/realtime';
import { DATA_SOURCE, TenantRepository } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { EventStreamConsumer } from './consumer/event-stream-consumer';
import { EventBatchProcessor } from './pipeline/event-batch-processor';
import { TenantDirectory } from './pipeline/tenant-directory';
import { ProcessorMetrics } from './processor-metrics';
import { DEFAULT_STREAM_PROCESSOR_OPTIONS, STREAM_PROCESSOR_OPTIONS } from './stream-processor-options';

/** The stream processor service's controllers and providers; the app and the embedded start both import it. */
@Module({
  imports: [LiveStateModule],
  providers: [
    { provide: STREAM_PROCESSOR_OPTIONS, useValue: DEFAULT_STREAM_PROCESSOR_OPTIONS },
    {
      provide: TenantDirectory,
      useFactory: (dataSource: DataSource) => new TenantDirectory(new TenantRepository(dataSource)),
      inject: [DATA_SOURCE],
    },
    ProcessorMetrics,
    EventBatchProcessor,
    EventStreamConsumer,
  ],
})
export class StreamProcessorModule {}
