import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { EventsNotStoredError } from '../publishing/events-not-stored.error';

/** The bus did not acknowledge: 503 with `Retry-After`, so SDKs back off and send the same events again. */
@Catch(EventsNotStoredError)
export class EventsNotStoredFilter implements ExceptionFilter {
  catch(error: EventsNotStoredError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(error.retryAfterSeconds))
      .json({ statusCode: HttpStatus.SERVICE_UNAVAILABLE, error: 'Service Unavailable', message: error.message });
  }
}
