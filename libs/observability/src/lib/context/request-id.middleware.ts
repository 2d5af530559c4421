import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestContext } from './request-context';

/**
 * Gives every request an id — the caller's `X-Request-Id` or a new one — answers it in `X-Request-Id`, and runs the
 * rest of the request in its context, so every log line written while handling it carries `requestId`.
 */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    response.setHeader('X-Request-Id', requestId);
    runWithRequestContext({ requestId }, next);
  }
}
