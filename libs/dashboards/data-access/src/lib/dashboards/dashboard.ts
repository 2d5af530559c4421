import type { DashboardRow } from './dashboard.entity';

/** What a client defines: the filters are stored as the feature validated them (period or days, compare, properties). */
export interface DashboardDefinition extends Pick<DashboardRow, 'name' | 'description'> {
  filters: Record<string, unknown>;
}

export interface StoredDashboard extends DashboardDefinition, Pick<DashboardRow, 'id' | 'tenantId' | 'prebuiltKey' | 'createdAt' | 'updatedAt'> {}

/** A dashboard as listed: without its widgets, with how many it has. */
export interface ListedDashboard extends StoredDashboard {
  widgetCount: number;
}
