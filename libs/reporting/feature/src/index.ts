export * from './lib/reporting-feature.module';
