import { Body, Controller, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, type AuthenticatedTenant } from '@pulse/tenancy';
import { isRecord, mapPostHogEvent } from '../acceptance/event-mappers';
import { IngestionService } from '../ingestion.service';
import { badRequest, batchAnswer, batchSentAtOf, BatchAcceptedResponse } from './ingestion-responses';
import { POSTHOG_CAPTURE_SCHEMA } from './openapi-schemas';
import { EventIngestionRoute } from './event-ingestion-route.decorator';

/** PostHog answers `{ status: 1 }`; kept for scripts written against it. */
type PostHogAnswer = BatchAcceptedResponse & { status: 1 };

/**
 * PostHog's capture API, so `posthog-node` and posthog-js work unchanged: the write key is the
 * project `api_key`, `distinct_id` becomes the user or anonymous id, `$identify` links them, gzip
 * bodies are inflated. Every path takes one event, an array, or `{ api_key, batch, sent_at }`.
 */
@ApiTags('posthog compatible')
@Controller()
export class PostHogCompatController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post(['capture', 'batch', 'e', 'i/v0/e'])
  @EventIngestionRoute()
  @ApiOperation({ summary: 'PostHog capture (also /batch, /e and /i/v0/e)' })
  @ApiBody({ schema: POSTHOG_CAPTURE_SCHEMA })
  @ApiAcceptedResponse({ type: BatchAcceptedResponse })
  async capture(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<PostHogAnswer> {
    const { events, sentAt } = postHogEventsOf(body);
    const result = await this.ingestion.ingest({
      tenantId: tenant.id,
      source: 'posthog',
      events,
      map: mapPostHogEvent,
      ...(sentAt === undefined ? {} : { sentAt }),
    });
    return { status: 1, ...batchAnswer(result) };
  }
}

function postHogEventsOf(body: unknown): { events: unknown[]; sentAt?: string } {
  const events = Array.isArray(body) ? body : isRecord(body) && body['batch'] !== undefined ? body['batch'] : [body];
  if (!Array.isArray(events)) throw badRequest('batch', 'isArray', 'batch must be an array of capture payloads');
  if (events.length === 0) throw badRequest('batch', 'arrayNotEmpty', 'batch has no events');
  const sentAt = batchSentAtOf(isRecord(body) ? body['sent_at'] : undefined, 'sent_at');
  return { events, ...(sentAt === undefined ? {} : { sentAt }) };
}
