export * from './lib/reporting.module';
export * from './lib/reporting.service-definition';
