import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { TenantRateLimitedError } from '../limits/tenant-rate-limiter';

/** Over the tenant's rate limit: 429 with `Retry-After`, which Segment's and PostHog's SDKs honour by retrying later. */
@Catch(TenantRateLimitedError)
export class TenantRateLimitedFilter implements ExceptionFilter {
  catch(error: TenantRateLimitedError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(HttpStatus.TOO_MANY_REQUESTS)
      .setHeader('Retry-After', String(error.retryAfterSeconds))
      .json({ statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: error.message });
  }
}
