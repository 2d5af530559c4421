import { Injectable } from '@nestjs/common';
import { assembleRetention, retentionPeriodBoundaries } from '@pulse/analytics-core';
import { readsFirstSeen, RetentionQuery, type RetentionQueryInput } from '@pulse/storage';
import { badRequest } from '@pulse/observability';
import { RetentionCheck } from '../query/retention-check';
import type { RetentionRequestDto } from './dto/retention-request.dto';
import type { RetentionResponse } from './dto/retention-response.dto';
import { SegmentPersons } from './segment-persons';

/** Retention cohorts in the tenant's time zone: periods cut by analytics-core, counted in the database. */
@Injectable()
export class RetentionService {
  constructor(
    private readonly retention: RetentionQuery,
    private readonly segmentPersons: SegmentPersons,
    private readonly retentionCheck: RetentionCheck,
  ) {}

  async retentionMatrix(tenant: { id: string; timeZone: string }, request: RetentionRequestDto): Promise<RetentionResponse> {
    const [year, month, day] = request.start.split('-').map(Number);
    const boundaries = retentionPeriodBoundaries({ year, month, day }, request.period, request.periods, tenant.timeZone);
    const input: RetentionQueryInput = {
      definition: { cohortEvent: request.cohortEvent, returnEvent: request.returnEvent },
      boundaries: boundaries.map((boundary) => new Date(boundary)),
      // Boundaries are the tenant's local midnights: the first-seen path may answer unfiltered definitions.
      tenantTimeZone: tenant.timeZone,
      persons: await this.segmentPersons.condition(tenant.id, request.segmentId, new Date()),
    };
    // The first-seen path reads day rollups' user lists for the returns; the other reads raw events.
    const reads = readsFirstSeen(input) ? [{ kind: 'rollup' as const, granularity: 'day' as const }] : [{ kind: 'raw' as const }];
    const expired = await this.retentionCheck.issue(tenant.id, input.boundaries[0], reads);
    if (expired) throw badRequest([{ ...expired, field: 'start' }]);
    const counts = await this.retention.counts(tenant.id, input);
    return { timeZone: tenant.timeZone, period: request.period, ...assembleRetention(boundaries, counts, tenant.timeZone) };
  }
}
