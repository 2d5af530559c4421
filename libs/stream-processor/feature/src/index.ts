export * from './lib/stream-processor.module';
export * from './lib/stream-processor.service-definition';
