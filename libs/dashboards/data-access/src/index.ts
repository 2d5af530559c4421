export { DASHBOARDS_STORE_SCHEMA } from './lib/dashboards-store-schema';
export { DashboardEntity, DashboardTenantEntity, type DashboardRow, type DashboardTenantRow } from './lib/dashboards/dashboard.entity';
export type { DashboardDefinition, ListedDashboard, StoredDashboard } from './lib/dashboards/dashboard';
export { DashboardRepository, type PrebuiltDashboard } from './lib/dashboards/dashboard.repository';
export { DashboardWidgetEntity, type DashboardWidgetRow } from './lib/widgets/dashboard-widget.entity';
export type { StoredWidget, WidgetDefinition, WidgetPosition } from './lib/widgets/dashboard-widget';
export { DashboardWidgetRepository } from './lib/widgets/dashboard-widget.repository';
export { DashboardsRepositoriesModule } from './lib/dashboards-repositories.module';
