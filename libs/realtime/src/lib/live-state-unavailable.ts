import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/** Seconds a client is told to wait before asking again: a cache reconnects within seconds. */
export const LIVE_STATE_RETRY_AFTER_SECONDS = 5;

/** The live state could not be read (the cache, Redis, does not answer): the figures are unknown, not zero. */
export class LiveStateUnavailableError extends Error {
  override readonly name = 'LiveStateUnavailableError';
  readonly retryAfterSeconds = LIVE_STATE_RETRY_AFTER_SECONDS;

  constructor(cause: unknown) {
    super(`live figures are unavailable: the live-state cache does not answer (${messageOf(cause)}); stored events and reports are not affected`);
  }
}

/** 503 with `Retry-After` and a JSON body saying why, for routes that read the live state. */
@Catch(LiveStateUnavailableError)
export class LiveStateUnavailableFilter implements ExceptionFilter {
  catch(error: LiveStateUnavailableError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(error.retryAfterSeconds))
      .json({ statusCode: HttpStatus.SERVICE_UNAVAILABLE, error: 'Service Unavailable', message: error.message });
  }
}

/** Not `instanceof Error`: socket errors come from Node's realm. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.trim() ? message : String(error);
}
