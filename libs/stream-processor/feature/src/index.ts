export * from './lib/stream-processor-feature.module';
