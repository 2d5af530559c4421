import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
  constructor(private readonly metrics: ServiceMetrics) {}

  use(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    const stopTimer = this.metrics.httpRequestDuration.startTimer();
    // This middleware is itself mounted as a catch-all route: a request still carrying that route when it
    // finishes matched no handler.
    const middlewareRoute = request.route;
    response.once('finish', () => {
      const route = request.route === middlewareRoute ? undefined : request.route;
      const path = route?.path;
      stopTimer({
        method: request.method ?? 'UNKNOWN',
        route: typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE,
        status: String(response.statusCode),
      });
    });
    next();
  }
}
