export * from './lib/stream-processor.module';
export * from './lib/stream-processor.service-definition';
export * from './lib/consumer/event-stream-consumer';
export * from './lib/pipeline/event-batch-processor';
export * from './lib/processor-metrics';
export * from './lib/stream-processor-options';
export { TenantDirectory } from './lib/pipeline/tenant-directory';
export { MinuteAggregatePublisher } from './lib/aggregates/minute-aggregate-publisher';
export { PROCESSOR_CLOCK, type ProcessorClock } from './lib/aggregates/processor-clock';
