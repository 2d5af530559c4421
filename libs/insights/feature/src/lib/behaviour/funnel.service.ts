import { Injectable } from '@nestjs/common';
import { assembleFunnel } from '@pulse/analytics-core';
import { FunnelQuery } from '@pulse/storage';
import type { FunnelDroppedUsersRequestDto, FunnelRequestDto } from './dto/funnel-request.dto';
import type { FunnelDroppedUsersResponse, FunnelResponse } from './dto/funnel-response.dto';
import { badRequest } from '@pulse/observability';
import { funnelDefinitionOf } from './funnel-definition';
import { SegmentPersons } from './segment-persons';
import { parseTimeRange } from './time-range';
import { RetentionCheck } from '../query/retention-check';

/** Funnels computed in the database (FunnelQuery), shaped by analytics-core. */
@Injectable()
export class FunnelService {
  constructor(
    private readonly funnels: FunnelQuery,
    private readonly segmentPersons: SegmentPersons,
    private readonly retentionCheck: RetentionCheck,
  ) {}

  async funnel(tenantId: string, request: FunnelRequestDto): Promise<FunnelResponse> {
    const range = parseTimeRange(request);
    // Funnels read raw events (or their event-time copy, which expires with them).
    const expired = await this.retentionCheck.issue(tenantId, range.from, [{ kind: 'raw' }]);
    if (expired) throw badRequest([expired]);
    const definition = funnelDefinitionOf(request);
    const persons = await this.segmentPersons.condition(tenantId, request.segmentId, new Date());
    const totals = await this.funnels.stepTotals(tenantId, { definition, ...range, persons });
    const result = assembleFunnel(definition, totals.byBreakdown, totals.overall);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      conversionWindowSeconds: definition.conversionWindowMs / 1000,
      startMode: definition.startMode ?? 'any',
      order: definition.order ?? 'sequential',
      path: totals.path,
      ...result,
    };
  }

  async droppedUsers(tenantId: string, request: FunnelDroppedUsersRequestDto): Promise<FunnelDroppedUsersResponse> {
    const range = parseTimeRange(request);
    const definition = funnelDefinitionOf(request);
    if (request.step > definition.steps.length) {
      throw badRequest([{ field: 'step', rule: 'max', message: `step must not be greater than the number of steps (${definition.steps.length})` }]);
    }
    const page = { limit: request.limit ?? 100, offset: request.offset ?? 0 };
    const persons = await this.segmentPersons.condition(tenantId, request.segmentId, new Date());
    const found = await this.funnels.droppedPersons(tenantId, { definition, ...range, persons }, request.step, page);
    return { step: request.step, users: found.personKeys, total: found.total, ...page };
  }
}
