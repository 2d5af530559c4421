export * from './lib/insights-feature.module';
