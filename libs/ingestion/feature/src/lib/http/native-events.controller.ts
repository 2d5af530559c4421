import { Body, Controller, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, type AuthenticatedTenant } from '@pulse/tenancy';
import { isRecord } from '@pulse/contracts';
import { mapNativeEvent } from '../acceptance/event-mappers';
import { IngestionService } from '../ingestion.service';
import { badRequest, batchAnswer, batchSentAtOf, BatchAcceptedResponse, EventAcceptedResponse, singleEventAnswer } from './ingestion-responses';
import { NATIVE_BATCH_SCHEMA, PULSE_EVENT_SCHEMA } from './openapi-schemas';
import { EventIngestionRoute } from './event-ingestion-route.decorator';

/** Pulse's own API: the canonical event, one at a time or in batches. */
@ApiTags('events')
@Controller('v1/events')
export class NativeEventsController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post()
  @EventIngestionRoute()
  @ApiOperation({ summary: 'Send one event', description: 'Answers 202 once the event is durably on the raw topic.' })
  @ApiBody({ schema: PULSE_EVENT_SCHEMA })
  @ApiAcceptedResponse({ type: EventAcceptedResponse })
  async track(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<EventAcceptedResponse> {
    return singleEventAnswer(await this.ingestion.ingest({ tenantId: tenant.id, source: 'http', events: [body], map: mapNativeEvent }));
  }

  @Post('batch')
  @EventIngestionRoute()
  @ApiOperation({
    summary: 'Send many events',
    description: 'Valid events are published even when others are not: the answer lists each rejected index with its errors. 400 when none was valid.',
  })
  @ApiBody({ schema: NATIVE_BATCH_SCHEMA })
  @ApiAcceptedResponse({ type: BatchAcceptedResponse })
  async batch(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<BatchAcceptedResponse> {
    const { events, sentAt } = nativeBatchOf(body);
    return batchAnswer(await this.ingestion.ingest({ tenantId: tenant.id, source: 'http', events, map: mapNativeEvent, sentAt }));
  }
}

/** A bare array of events, or `{ events: [...], sentAt? }`. */
function nativeBatchOf(body: unknown): { events: unknown[]; sentAt?: string } {
  const events = Array.isArray(body) ? body : isRecord(body) ? body['events'] : undefined;
  if (!Array.isArray(events)) {
    throw badRequest('events', 'isArray', 'the batch must be a JSON array of events, or an object { "events": [...] }');
  }
  if (events.length === 0) throw badRequest('events', 'arrayNotEmpty', 'the batch has no events');
  const sentAt = batchSentAtOf(isRecord(body) ? body['sentAt'] : undefined, 'sentAt');
  return { events, ...(sentAt === undefined ? {} : { sentAt }) };
}
