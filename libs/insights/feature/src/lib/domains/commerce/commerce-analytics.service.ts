import { Inject, Injectable } from '@nestjs/common';
import { commerceGrowth, commerceSummary, revenueShares } from '@pulse/analytics-core';
import { CommerceAnalyticsQueries, SkippedValuesQueries } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { dateRangeResponse } from '../shared/date-range.response';
import { previousTenantRange, tenantRange, windowOf } from '../shared/tenant-ranges';
import type { CommerceDashboardResponse } from './commerce-responses';

@Injectable()
export class CommerceAnalyticsService {
  constructor(
    @Inject(CommerceAnalyticsQueries) private readonly queries: CommerceAnalyticsQueries,
    @Inject(SkippedValuesQueries) private readonly skippedValues: SkippedValuesQueries,
  ) {}

  async dashboard(tenant: AuthenticatedTenant, from: string, to: string): Promise<CommerceDashboardResponse> {
    const range = tenantRange(tenant, from, to);
    const previousRange = previousTenantRange(tenant, range);
    const window = windowOf(tenant, range);
    const [current, previous, byCategory, byRegion, skippedValues] = await Promise.all([
      this.queries.counters(window, tenant.currency),
      this.queries.counters(windowOf(tenant, previousRange), tenant.currency),
      this.queries.byCategory(window, tenant.currency),
      this.queries.byRegion(window, tenant.currency),
      this.skippedValues.count({ tenantId: tenant.id, start: range.start, end: range.end, eventTypes: ['purchase'] }),
    ]);
    const summary = commerceSummary(current);
    const previousSummary = commerceSummary(previous);
    return {
      dateRange: dateRangeResponse(range, tenant.timeZone),
      currency: tenant.currency,
      summary,
      previousPeriod: { dateRange: dateRangeResponse(previousRange, tenant.timeZone), summary: previousSummary },
      growth: commerceGrowth(summary, previousSummary),
      byCategory: revenueShares(byCategory),
      byRegion: revenueShares(byRegion),
      skippedValues,
    };
  }
}
