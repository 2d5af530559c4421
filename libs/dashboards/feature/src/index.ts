export * from './lib/dashboards-feature.module';
