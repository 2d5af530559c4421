import { Injectable } from '@nestjs/common';
import { assembleFunnel, type FunnelDefinition } from '@pulse/analytics-core';
import { FunnelQuery } from '@pulse/storage';
import type { FunnelDroppedUsersRequestDto, FunnelRequestDto } from './dto/funnel-request.dto';
import type { FunnelDroppedUsersResponse, FunnelResponse } from './dto/funnel-response.dto';
import { badRequest } from '@pulse/observability';
import { SegmentPersons } from './segment-persons';
import { parseTimeRange } from './time-range';

/** Funnels computed in the database (FunnelQuery), shaped by analytics-core. */
@Injectable()
export class FunnelService {
  constructor(
    private readonly funnels: FunnelQuery,
    private readonly segmentPersons: SegmentPersons,
  ) {}

  async funnel(tenantId: string, request: FunnelRequestDto): Promise<FunnelResponse> {
    const range = parseTimeRange(request);
    const definition = definitionOf(request);
    const persons = await this.segmentPersons.condition(tenantId, request.segmentId, new Date());
    const totals = await this.funnels.stepTotals(tenantId, { definition, ...range, persons });
    const result = assembleFunnel(definition, totals.byBreakdown, totals.overall);
    return { from: range.from.toISOString(), to: range.to.toISOString(), conversionWindowSeconds: request.conversionWindowSeconds, path: totals.path, ...result };
  }

  async droppedUsers(tenantId: string, request: FunnelDroppedUsersRequestDto): Promise<FunnelDroppedUsersResponse> {
    const range = parseTimeRange(request);
    const definition = definitionOf(request);
    if (request.step > definition.steps.length) {
      throw badRequest([{ field: 'step', rule: 'max', message: `step must not be greater than the number of steps (${definition.steps.length})` }]);
    }
    const page = { limit: request.limit ?? 100, offset: request.offset ?? 0 };
    const persons = await this.segmentPersons.condition(tenantId, request.segmentId, new Date());
    const found = await this.funnels.droppedPersons(tenantId, { definition, ...range, persons }, request.step, page);
    return { step: request.step, users: found.personKeys, total: found.total, ...page };
  }
}

function definitionOf(request: FunnelRequestDto): FunnelDefinition {
  return {
    steps: request.steps.map((step) => ({ eventType: step.eventType, filters: step.filters ?? [] })),
    conversionWindowMs: request.conversionWindowSeconds * 1000,
    breakdownProperty: request.breakdownProperty,
  };
}
