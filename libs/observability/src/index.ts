export * from './lib/health/health-indicator';
