export * from './lib/ingestion-feature.module';
