import { Body, Controller, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, type AuthenticatedTenant } from '@pulse/tenancy';
import { isRecord } from '@pulse/contracts';
import { mapPostHogEvent } from '../acceptance/event-mappers';
import { IngestionService } from '../ingestion.service';
import { POSTHOG_CAPTURE_ANSWER, PostHogCaptureAnswer } from './compat-answers.dto';
import { badRequest, batchAnswer, batchSentAtOf } from './ingestion-responses';
import { POSTHOG_CAPTURE_SCHEMA } from './openapi-schemas';
import { EventIngestionRoute } from './event-ingestion-route.decorator';

/**
 * PostHog's capture API, so `posthog-node` and posthog-js work unchanged: the write key is the
 * project `api_key`, `distinct_id` becomes the user or anonymous id, `$identify` links them, gzip
 * bodies are inflated. Every path takes one event, an array, or `{ api_key, batch, sent_at }`, and
 * answers as PostHog does, `200 { status: 1 }`, once at least one event was accepted.
 */
@ApiTags('posthog compatible')
@Controller()
export class PostHogCompatController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post(['capture', 'batch', 'e', 'i/v0/e'])
  @EventIngestionRoute(HttpStatus.OK)
  @ApiOperation({ summary: 'PostHog capture (also /batch, /e and /i/v0/e)' })
  @ApiBody({ schema: POSTHOG_CAPTURE_SCHEMA })
  @ApiOkResponse({ type: PostHogCaptureAnswer, description: 'At least one event was accepted (the rest are counted as rejected)' })
  async capture(@CurrentTenant() tenant: AuthenticatedTenant, @Body() body: unknown): Promise<PostHogCaptureAnswer> {
    const { events, sentAt } = postHogEventsOf(body);
    const result = await this.ingestion.ingest({
      tenantId: tenant.id,
      source: 'posthog',
      events,
      map: mapPostHogEvent,
      ...(sentAt === undefined ? {} : { sentAt }),
    });
    batchAnswer(result); // 400 with every reason when no event was accepted
    return POSTHOG_CAPTURE_ANSWER;
  }
}

function postHogEventsOf(body: unknown): { events: unknown[]; sentAt?: string } {
  const events = Array.isArray(body) ? body : isRecord(body) && body['batch'] !== undefined ? body['batch'] : [body];
  if (!Array.isArray(events)) throw badRequest('batch', 'isArray', 'batch must be an array of capture payloads');
  if (events.length === 0) throw badRequest('batch', 'arrayNotEmpty', 'batch has no events');
  const sentAt = batchSentAtOf(isRecord(body) ? body['sent_at'] : undefined, 'sent_at');
  return { events, ...(sentAt === undefined ? {} : { sentAt }) };
}
