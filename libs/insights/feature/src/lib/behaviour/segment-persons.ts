import { Injectable } from '@nestjs/common';
import { SegmentPersonCondition, SegmentRepository } from '@pulse/storage';
import { badRequest } from '@pulse/observability';

/** Turns a request's `segmentId` into the person condition a funnel or retention query takes. */
@Injectable()
export class SegmentPersons {
  constructor(private readonly segments: SegmentRepository) {}

  /** Undefined without a segment id; a 400 naming `segmentId` when the tenant has no such segment. */
  async condition(tenantId: string, segmentId: string | undefined, asOf: Date): Promise<SegmentPersonCondition | undefined> {
    if (segmentId === undefined) return undefined;
    const segment = await this.segments.find(tenantId, segmentId);
    if (!segment) throw badRequest([{ field: 'segmentId', rule: 'segmentExists', message: `segmentId must name one of the tenant's segments` }]);
    return new SegmentPersonCondition(segment.definition, asOf);
  }
}
