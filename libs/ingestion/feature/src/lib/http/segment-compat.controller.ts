import { Body, Controller, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SegmentMessageType } from '@pulse/contracts';
import { CurrentTenant, type AuthenticatedTenant } from '@pulse/tenancy';
import { isRecord, segmentMapper } from '../acceptance/event-mappers';
import { IngestionService } from '../ingestion.service';
import { badRequest, batchAnswer, batchSentAtOf, BatchAcceptedResponse, EventAcceptedResponse, singleEventAnswer } from './ingestion-responses';
import { SEGMENT_BATCH_SCHEMA, SEGMENT_MESSAGE_SCHEMA } from './openapi-schemas';
import { EventIngestionRoute } from './event-ingestion-route.decorator';

/** Segment answers `{ success: true }`; its SDKs only look at the status, but scripts written against it may not. */
type SegmentAnswer<T> = T & { success: true };

/**
 * Segment's HTTP tracking API, so `@segment/analytics-node`, analytics.js and RudderStack's SDKs work
 * unchanged: write key as the HTTP Basic user, `messageId` as the event id, `sentAt` corrects the client clock.
 */
@ApiTags('segment compatible')
@Controller('v1')
export class SegmentCompatController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post('track')
  @EventIngestionRoute()
  @ApiOperation({ summary: 'Segment track' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiAcceptedResponse({ type: EventAcceptedResponse })
  track(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer<EventAcceptedResponse>> {
    return this.one(tenant, 'track', body);
  }

  @Post('identify')
  @EventIngestionRoute()
  @ApiOperation({ summary: 'Segment identify (links anonymousId to userId)' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiAcceptedResponse({ type: EventAcceptedResponse })
  identify(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer<EventAcceptedResponse>> {
    return this.one(tenant, 'identify', body);
  }

  @Post('page')
  @EventIngestionRoute()
  @ApiOperation({ summary: 'Segment page (a page_view event)' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiAcceptedResponse({ type: EventAcceptedResponse })
  page(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer<EventAcceptedResponse>> {
    return this.one(tenant, 'page', body);
  }

  @Post('screen')
  @EventIngestionRoute()
  @ApiOperation({ summary: 'Segment screen (a screen_view event)' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiAcceptedResponse({ type: EventAcceptedResponse })
  screen(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer<EventAcceptedResponse>> {
    return this.one(tenant, 'screen', body);
  }

  @Post('group')
  @EventIngestionRoute()
  @ApiOperation({ summary: 'Segment group' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiAcceptedResponse({ type: EventAcceptedResponse })
  group(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer<EventAcceptedResponse>> {
    return this.one(tenant, 'group', body);
  }

  @Post('alias')
  @EventIngestionRoute()
  @ApiOperation({ summary: 'Segment alias (links previousId to userId)' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiAcceptedResponse({ type: EventAcceptedResponse })
  alias(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer<EventAcceptedResponse>> {
    return this.one(tenant, 'alias', body);
  }

  @Post('batch')
  @EventIngestionRoute()
  @ApiOperation({ summary: 'Segment batch: what the server-side SDKs send' })
  @ApiBody({ schema: SEGMENT_BATCH_SCHEMA })
  @ApiAcceptedResponse({ type: BatchAcceptedResponse })
  async batch(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer<BatchAcceptedResponse>> {
    const messages = isRecord(body) ? body['batch'] : undefined;
    if (!Array.isArray(messages)) throw badRequest('batch', 'isArray', 'batch must be an array of Segment messages');
    if (messages.length === 0) throw badRequest('batch', 'arrayNotEmpty', 'batch has no messages');
    const sentAt = batchSentAtOf((body as Record<string, unknown>)['sentAt'], 'sentAt');
    const result = await this.ingestion.ingest({
      tenantId: tenant.id,
      source: 'segment',
      events: messages,
      map: segmentMapper(undefined, (body as Record<string, unknown>)['context']),
      ...(sentAt === undefined ? {} : { sentAt }),
    });
    return { success: true, ...batchAnswer(result) };
  }

  private async one(
    tenant: AuthenticatedTenant,
    type: SegmentMessageType,
    body: unknown,
  ): Promise<SegmentAnswer<EventAcceptedResponse>> {
    const result = await this.ingestion.ingest({ tenantId: tenant.id, source: 'segment', events: [body], map: segmentMapper(type) });
    return { success: true, ...singleEventAnswer(result) };
  }
}
