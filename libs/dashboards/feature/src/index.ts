export * from './lib/dashboards.module';
export * from './lib/dashboards.service-definition';
export { seedPrebuiltDashboards } from './lib/dashboards/seed-prebuilt-dashboards';
export { PREBUILT_DASHBOARD_KEYS } from './lib/dashboards/prebuilt-dashboards';
