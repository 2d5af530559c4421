import { Inject, Injectable } from '@nestjs/common';
import { costByHourOfDay, modelUsageSummary } from '@pulse/analytics-core';
import { ModelUsageQueries } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { dateRangeResponse } from '../shared/date-range.response';
import { tenantRange, windowOf } from '../shared/tenant-ranges';
import type { ModelCostByHourResponse, ModelUsageResponse } from './model-usage-responses';

@Injectable()
export class ModelUsageService {
  constructor(@Inject(ModelUsageQueries) private readonly queries: ModelUsageQueries) {}

  async usage(tenant: AuthenticatedTenant, from: string, to: string): Promise<ModelUsageResponse> {
    const range = tenantRange(tenant, from, to);
    const window = windowOf(tenant, range);
    const [total, byModel] = await Promise.all([this.queries.total(window), this.queries.byModel(window)]);
    return { dateRange: dateRangeResponse(range, tenant.timeZone), total: modelUsageSummary(total), byModel: byModel.map((group) => modelUsageSummary(group)) };
  }

  async costByHour(tenant: AuthenticatedTenant, from: string, to: string): Promise<ModelCostByHourResponse> {
    const range = tenantRange(tenant, from, to);
    return { dateRange: dateRangeResponse(range, tenant.timeZone), hours: costByHourOfDay(await this.queries.costByHourOfDay(windowOf(tenant, range))) };
  }
}
