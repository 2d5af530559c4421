import { Body, Controller, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isRecord, type SegmentMessageType } from '@pulse/contracts';
import { CurrentTenant, type AuthenticatedTenant } from '@pulse/tenancy';
import { segmentMapper } from '../acceptance/event-mappers';
import { IngestionService } from '../ingestion.service';
import { SEGMENT_ANSWER, SegmentAnswer } from './compat-answers.dto';
import { badRequest, batchAnswer, batchSentAtOf, singleEventAnswer } from './ingestion-responses';
import { SEGMENT_BATCH_SCHEMA, SEGMENT_MESSAGE_SCHEMA } from './openapi-schemas';
import { EventIngestionRoute } from './event-ingestion-route.decorator';

/**
 * Segment's HTTP tracking API, so `@segment/analytics-node`, analytics.js (analytics-next) and
 * RudderStack's SDKs work unchanged: write key as the HTTP Basic user, `messageId` as the event id,
 * `sentAt` corrects the client clock. Each route also answers at the short path analytics.js posts to
 * (`/v1/t` for track…, `/v1/b` for its batches), and every one answers as Segment does, `200 { success: true }`.
 */
@ApiTags('segment compatible')
@Controller('v1')
export class SegmentCompatController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post(['track', 't'])
  @EventIngestionRoute(HttpStatus.OK)
  @ApiOperation({ summary: 'Segment track (also /v1/t)' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiOkResponse({ type: SegmentAnswer })
  track(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer> {
    return this.one(tenant, 'track', body);
  }

  @Post(['identify', 'i'])
  @EventIngestionRoute(HttpStatus.OK)
  @ApiOperation({ summary: 'Segment identify, links anonymousId to userId (also /v1/i)' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiOkResponse({ type: SegmentAnswer })
  identify(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer> {
    return this.one(tenant, 'identify', body);
  }

  @Post(['page', 'p'])
  @EventIngestionRoute(HttpStatus.OK)
  @ApiOperation({ summary: 'Segment page, a page_view event (also /v1/p)' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiOkResponse({ type: SegmentAnswer })
  page(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer> {
    return this.one(tenant, 'page', body);
  }

  @Post(['screen', 's'])
  @EventIngestionRoute(HttpStatus.OK)
  @ApiOperation({ summary: 'Segment screen, a screen_view event (also /v1/s)' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiOkResponse({ type: SegmentAnswer })
  screen(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer> {
    return this.one(tenant, 'screen', body);
  }

  @Post(['group', 'g'])
  @EventIngestionRoute(HttpStatus.OK)
  @ApiOperation({ summary: 'Segment group (also /v1/g)' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiOkResponse({ type: SegmentAnswer })
  group(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer> {
    return this.one(tenant, 'group', body);
  }

  @Post(['alias', 'a'])
  @EventIngestionRoute(HttpStatus.OK)
  @ApiOperation({ summary: 'Segment alias, links previousId to userId (also /v1/a)' })
  @ApiBody({ schema: SEGMENT_MESSAGE_SCHEMA })
  @ApiOkResponse({ type: SegmentAnswer })
  alias(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer> {
    return this.one(tenant, 'alias', body);
  }

  @Post(['batch', 'b'])
  @EventIngestionRoute(HttpStatus.OK)
  @ApiOperation({ summary: 'Segment batch: what the server-side SDKs and batching analytics.js send (also /v1/b)' })
  @ApiBody({ schema: SEGMENT_BATCH_SCHEMA })
  @ApiOkResponse({ type: SegmentAnswer, description: 'At least one message was accepted (the rest are counted as rejected)' })
  async batch(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<SegmentAnswer> {
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
    batchAnswer(result); // 400 with every reason when no message was accepted
    return SEGMENT_ANSWER;
  }

  private async one(tenant: AuthenticatedTenant, type: SegmentMessageType, body: unknown): Promise<SegmentAnswer> {
    const result = await this.ingestion.ingest({ tenantId: tenant.id, source: 'segment', events: [body], map: segmentMapper(type) });
    singleEventAnswer(result); // 400 or 413 when the message was refused
    return SEGMENT_ANSWER;
  }
}
