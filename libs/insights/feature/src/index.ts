export * from './lib/insights.module';
export * from './lib/insights.service-definition';
