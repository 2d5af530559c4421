import type { StoreSchema } from '@pulse/storage';
import { DashboardEntity, DashboardTenantEntity } from './dashboards/dashboard.entity';
import { CreateDashboards1765200000000 } from './migrations/1765200000000-create-dashboards';
import { CreateDashboardWidgets1765200000001 } from './migrations/1765200000001-create-dashboard-widgets';
import { DashboardWidgetEntity } from './widgets/dashboard-widget.entity';

/**
 * The dashboards service's tables: registered wherever a store the dashboards service uses is opened
 * (the service definition carries it). Oldest first; new migrations at the end with a timestamp no
 * other service uses.
 */
export const DASHBOARDS_STORE_SCHEMA = {
  migrations: [CreateDashboards1765200000000, CreateDashboardWidgets1765200000001],
  entities: [DashboardEntity, DashboardTenantEntity, DashboardWidgetEntity],
} satisfies StoreSchema;
