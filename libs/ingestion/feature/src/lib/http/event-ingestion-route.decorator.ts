import { applyDecorators, HttpCode, HttpStatus, UseFilters, UseGuards } from '@nestjs/common';
import {
  ApiHeader,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
  ApiBadRequestResponse,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { WriteKeyGuard } from '@pulse/tenancy';
import { EventsNotStoredFilter } from './events-not-stored.filter';
import { ErrorResponse } from './ingestion-responses';
import { TenantRateLimitedFilter } from './tenant-rate-limited.filter';

/**
 * What every event route shares: the write key, its success status (202 on the native routes; 200 on
 * the compat routes, as the originals answer) once the bus acknowledged, 503 + Retry-After when it did
 * not, 429 + Retry-After over the tenant's rate limit, and the errors a client can get before any event is looked at.
 */
export function EventIngestionRoute(success: HttpStatus.ACCEPTED | HttpStatus.OK = HttpStatus.ACCEPTED): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(WriteKeyGuard),
    UseFilters(EventsNotStoredFilter, TenantRateLimitedFilter),
    HttpCode(success),
    ApiHeader({
      name: 'Authorization',
      required: false,
      description: '"Bearer <write key>", or HTTP Basic with the write key as user (Segment). Alternatives: X-Pulse-Write-Key, or api_key in the body (PostHog).',
    }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed JSON, or no event valid (each error names the field and the rule)' }),
    ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing or unknown write key' }),
    ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Body over 32 KB (single event) or 500 KB (batch), after decompression' }),
    ApiTooManyRequestsResponse({ type: ErrorResponse, description: "Over the project's rate limit (per replica): nothing was accepted; see Retry-After" }),
    ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'The message broker did not acknowledge: nothing was accepted; see Retry-After' }),
  );
}
