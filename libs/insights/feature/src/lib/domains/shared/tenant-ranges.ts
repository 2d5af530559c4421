import { localDayRange, previousLocalDayRange, type LocalDayRange } from '@pulse/analytics-core';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { AnalyticsWindow } from '@pulse/storage';

/** The tenant's local days from … to, as the instants the queries filter on. */
export function tenantRange(tenant: AuthenticatedTenant, from: string, to: string): LocalDayRange {
  return localDayRange(from, to, tenant.timeZone);
}

export function previousTenantRange(tenant: AuthenticatedTenant, range: LocalDayRange): LocalDayRange {
  return previousLocalDayRange(range, tenant.timeZone);
}

export function windowOf(tenant: AuthenticatedTenant, range: LocalDayRange): AnalyticsWindow {
  return { tenantId: tenant.id, start: range.start, end: range.end, timeZone: tenant.timeZone };
}
