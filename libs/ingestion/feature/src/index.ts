export * from './lib/ingestion.module';
export * from './lib/ingestion.service-definition';
