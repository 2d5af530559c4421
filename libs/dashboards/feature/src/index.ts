export * from './lib/dashboards.module';
export * from './lib/dashboards.service-definition';
