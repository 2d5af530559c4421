import { Inject, Injectable } from '@nestjs/common';
import { importJobSummary } from '@pulse/analytics-core';
import { ImportJobQueries } from '@pulse/storage';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { dateRangeResponse } from '../shared/date-range.response';
import { tenantRange, windowOf } from '../shared/tenant-ranges';
import type { ImportJobsResponse } from './import-job-responses';

@Injectable()
export class ImportJobsService {
  constructor(@Inject(ImportJobQueries) private readonly queries: ImportJobQueries) {}

  async jobs(tenant: AuthenticatedTenant, from: string, to: string): Promise<ImportJobsResponse> {
    const range = tenantRange(tenant, from, to);
    const window = windowOf(tenant, range);
    const [total, bySource] = await Promise.all([this.queries.total(window), this.queries.bySource(window)]);
    return { dateRange: dateRangeResponse(range, tenant.timeZone), total: importJobSummary(total), bySource: bySource.map((source) => importJobSummary(source)) };
  }
}
