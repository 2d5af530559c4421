import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentRequestId, runWithRequestContext } from '../context/request-context';
import { ServiceMetrics } from './service-metrics';

/** Express sets `route` on the request once a route matched. */
type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };

/** Label for requests no route handled (404s, static files): raw URLs would make unbounded label values. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request to the moment its response is finished, so the status is the one actually sent
 * (after exception filters), and labels it with the route pattern (`/v1/reports/:id`), not the URL.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly logger = new Logger('Http');

  constructor(private readonly metrics: ServiceMetrics) {}

  use(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    const stopTimer = this.metrics.httpRequestDuration.startTimer();
    const requestId = currentRequestId();
    // This middleware is itself mounted as a catch-all route: a request still carrying that route when it
    // finishes matched no handler.
    const middlewareRoute = request.route;
    response.once('finish', () => {
      const route = request.route === middlewareRoute ? undefined : request.route;
      const path = route?.path;
      const labels = {
        method: request.method ?? 'UNKNOWN',
        route: typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE,
        status: String(response.statusCode),
      };
      const seconds = stopTimer(labels);
      // One access line per request at debug level (LOG_LEVEL=debug), under the request's id.
      const line = { message: 'request finished', ...labels, durationMs: Math.round(seconds * 1000) };
      runWithRequestContext(requestId ? { requestId } : {}, () => this.logger.debug(line));
    });
    next();
  }
}
