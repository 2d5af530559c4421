import { DashboardRepository } from '@pulse/dashboards-data-access';
import type { DataSource } from 'typeorm';
import { prebuiltDashboards } from './prebuilt-dashboards';

/** Gives a tenant its prebuilt dashboards now (the embedded start does it for the demo tenant); a no-op when it has had them. */
export function seedPrebuiltDashboards(dataSource: DataSource, tenantId: string): Promise<boolean> {
  return new DashboardRepository(dataSource).seedPrebuilt(tenantId, prebuiltDashboards());
}
