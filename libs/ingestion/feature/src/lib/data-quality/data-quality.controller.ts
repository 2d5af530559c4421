import { Body, Controller, Get, HttpCode, Inject, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { timeContext } from '@pulse/analytics-core';
import { badRequest, requestValidationPipe } from '@pulse/observability';
import type { QuarantinedEvent } from '@pulse/storage';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant, RequireScope } from '@pulse/tenancy';
import { INGESTION_CLOCK, type IngestionClock } from '../ingestion-clock';
import {
  DataQualityOverviewQueryDto,
  DataQualityOverviewResponse,
  QuarantinedEventResponse,
  RejectionsQueryDto,
  RejectionsResponse,
  ReplayRequestDto,
  ReplayResponse,
} from './data-quality.dto';
import { DataQualityService } from './data-quality.service';

/** Longest overview range: the counters are daily, a year of them is still a small answer. */
const MAX_OVERVIEW_DAYS = 366;
const DAY_MS = 86_400_000;

/** What became of the tenant's events, the ones it lost, and getting them back. */
@ApiTags('data quality')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@ApiBadRequestResponse({ description: 'errors: [{ field, rule, message }]' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/data-quality')
export class DataQualityController {
  constructor(
    private readonly dataQuality: DataQualityService,
    @Inject(INGESTION_CLOCK) private readonly clock: IngestionClock,
  ) {}

  @Get('overview')
  @ApiOperation({ summary: 'Received, stored, stored with violations and rejected events per day, event type, source, field and rule' })
  @ApiOkResponse({ type: DataQualityOverviewResponse })
  async overview(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: DataQualityOverviewQueryDto): Promise<DataQualityOverviewResponse> {
    const to = query.to ?? timeContext(this.clock.now(), tenant.timeZone).localDate;
    const from = query.from ?? shiftDay(to, -29);
    checkRange(from, to);
    return { from, to, timeZone: tenant.timeZone, ...(await this.dataQuality.overview(tenant, from, to)) };
  }

  @Get('rejections')
  @ApiOperation({ summary: 'Quarantined events, newest first, with their payload as received and the reason' })
  @ApiOkResponse({ type: RejectionsResponse })
  async rejections(@CurrentTenant() tenant: AuthenticatedTenant, @Query() query: RejectionsQueryDto): Promise<RejectionsResponse> {
    const limit = query.limit ?? 50;
    const items = await this.dataQuality.rejections(tenant, {
      status: query.status ?? 'pending',
      limit,
      ...(query.beforeId ? { beforeId: query.beforeId } : {}),
    });
    const last = items.at(-1);
    return { items: items.map(toResponse), nextBeforeId: items.length === limit && last ? last.id : null };
  }

  @Post('rejections/replay')
  @RequireScope('manage')
  @HttpCode(200)
  @ApiOperation({
    summary: "Run chosen or all pending quarantined events through ingestion again, under the tenant's current policy and mappings",
    description: 'Idempotent by event id: an event replayed twice is stored once.',
  })
  @ApiOkResponse({ type: ReplayResponse })
  replay(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: ReplayRequestDto): Promise<ReplayResponse> {
    if ((body.ids === undefined) === (body.all === undefined)) {
      throw badRequest([{ field: 'ids', rule: 'isExactlyOneOf', message: 'give either ids (the quarantine ids to replay) or all: true, not both or neither' }]);
    }
    return this.dataQuality.replay(tenant, body.ids ? { ids: body.ids } : { all: true });
  }
}

function checkRange(from: string, to: string): void {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start)) throw badRequest([{ field: 'from', rule: 'isDate', message: `from is not a calendar date: ${from}` }]);
  if (Number.isNaN(end)) throw badRequest([{ field: 'to', rule: 'isDate', message: `to is not a calendar date: ${to}` }]);
  if (start > end) throw badRequest([{ field: 'from', rule: 'isNotAfterTo', message: `from (${from}) must not be after to (${to})` }]);
  if ((end - start) / DAY_MS + 1 > MAX_OVERVIEW_DAYS) {
    throw badRequest([{ field: 'from', rule: 'maxRange', message: `the range may span at most ${MAX_OVERVIEW_DAYS} days` }]);
  }
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function toResponse(entry: QuarantinedEvent): QuarantinedEventResponse {
  return {
    id: entry.id,
    receivedAt: entry.receivedAt.toISOString(),
    quarantinedAt: entry.quarantinedAt.toISOString(),
    stage: entry.stage,
    source: entry.source,
    eventId: entry.eventId ?? null,
    eventType: entry.eventType ?? null,
    reason: entry.reason,
    errors: [...entry.errors],
    payload: entry.payload,
    replayedAt: entry.replayedAt?.toISOString() ?? null,
    replayError: entry.replayError,
  };
}
