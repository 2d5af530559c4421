import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { INGESTION_LIMITS, type IngestionLimits } from '../limits/ingestion-limits';
import { IngestionMetrics } from '../metrics/ingestion-metrics';
import { corsHeadersFor } from '../http/browser-cors';
import { INGESTION_BODY_ROUTES, isBrowserRoute, routePathOf } from './ingestion-body-routes';
import { readJsonBody } from './read-json-body';
import { RequestBodyError } from './request-body-error';

type BodyRequest = IncomingMessage & { body?: unknown };
type Next = (error?: unknown) => void;

/**
 * Answers CORS on the routes browsers call (`isBrowserRoute`), and reads the body of the event routes
 * itself instead of leaving it to Nest's default JSON parser, which caps bodies at 100 kB, answers
 * malformed JSON with a generic error and is configured by whoever creates the application (the
 * platform), not by this module.
 *
 * Why it is installed from a constructor: Nest registers its parser in `app.init()`, after every
 * provider was created, so middleware added to Express now runs first. Once this reader consumed a
 * body, Nest's parser sees the request finished and leaves `request.body` alone.
 */
@Injectable()
export class IngestionBodyReader {
  constructor(
    adapterHost: HttpAdapterHost,
    @Inject(INGESTION_LIMITS) private readonly limits: IngestionLimits,
    private readonly metrics: IngestionMetrics,
  ) {
    const adapter = adapterHost.httpAdapter;
    if (!adapter) {
      throw new Error('IngestionModule must be created by NestFactory.create (it installs its body reader before Nest\'s)');
    }
    (adapter.getInstance() as { use(handler: (request: BodyRequest, response: ServerResponse, next: Next) => void): void }).use(
      (request, response, next) => this.handle(request, response, next),
    );
  }

  private handle(request: BodyRequest, response: ServerResponse, next: Next): void {
    const path = routePathOf(request.url);
    if (!isBrowserRoute(path)) return next();
    // Browsers call these routes from other origins (write keys are public): every answer, errors
    // included, carries CORS headers, and preflights are answered here.
    for (const [name, value] of Object.entries(corsHeadersFor(request.headers))) response.setHeader(name, value);
    if (request.method === 'OPTIONS') {
      response.statusCode = 204;
      response.end();
      return;
    }
    const limit = INGESTION_BODY_ROUTES.get(path);
    if (limit === undefined || request.method !== 'POST') return next();
    const maxBytes = limit === 'event' ? this.limits.maxEventBytes : this.limits.maxBatchBytes;
    readJsonBody(request, { maxBytes, describeLimit: limit === 'event' ? 'a single event' : 'a batch' }).then(
      (body) => {
        request.body = body;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof RequestBodyError)) return next(error);
        this.metrics.requestRefused(error.problem);
        sendError(response, error);
      },
    );
  }
}

function sendError(response: ServerResponse, error: RequestBodyError): void {
  if (response.headersSent || response.destroyed) return;
  const body = JSON.stringify(error.toJSON());
  response.statusCode = error.status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(body));
  if (error.closeConnection) response.setHeader('Connection', 'close');
  response.end(body);
}
