export * from './lib/ingestion.module';
export * from './lib/ingestion.service-definition';
export * from './lib/limits/ingestion-limits';
