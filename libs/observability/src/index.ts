export * from './lib/health/health-indicator';
export * from './lib/health/readiness';
export * from './lib/health/health-responses';
export * from './lib/metrics/service-metrics';
export * from './lib/observability-options';
export * from './lib/observability.module';
export * from './lib/openapi/setup-open-api';
export * from './lib/logging/json-logger';
