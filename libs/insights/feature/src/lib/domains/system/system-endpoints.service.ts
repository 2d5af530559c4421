import { Inject, Injectable } from '@nestjs/common';
import { HTTP_REQUEST_METRIC, endpointRequestSummary } from '@pulse/analytics-core';
import { SystemEndpointQueries } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { dateRangeResponse } from '../shared/date-range.response';
import { tenantRange, windowOf } from '../shared/tenant-ranges';
import type { SystemEndpointsResponse } from './system-responses';

@Injectable()
export class SystemEndpointsService {
  constructor(@Inject(SystemEndpointQueries) private readonly queries: SystemEndpointQueries) {}

  async endpoints(tenant: AuthenticatedTenant, query: { from: string; to: string; service?: string }): Promise<SystemEndpointsResponse> {
    const range = tenantRange(tenant, query.from, query.to);
    const window = windowOf(tenant, range);
    const [total, byService, byEndpoint] = await Promise.all([
      this.queries.total(window, query.service),
      this.queries.byService(window, query.service),
      this.queries.byEndpoint(window, query.service),
    ]);
    return {
      dateRange: dateRangeResponse(range, tenant.timeZone),
      metricName: HTTP_REQUEST_METRIC,
      service: query.service ?? null,
      total: endpointRequestSummary(total, range),
      byService: byService.map((group) => endpointRequestSummary(group, range)),
      byEndpoint: byEndpoint.map((group) => endpointRequestSummary(group, range)),
    };
  }
}
