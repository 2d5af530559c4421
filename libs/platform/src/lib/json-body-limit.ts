import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Nest's JSON and form parsers with `maxBytes` instead of Express's 100 kB (the app must be created with
 * `bodyParser: false`). A larger body is answered 413 in the API's JSON error shape, naming the limit,
 * rather than by Express's HTML error page.
 */
export function useJsonBodyLimit(app: INestApplication, maxBytes: number): void {
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: maxBytes });
  express.useBodyParser('urlencoded', { limit: maxBytes, extended: true });
  express.use((error: { type?: string; status?: number }, _request: Request, response: Response, next: NextFunction) => {
    if (error?.type !== 'entity.too.large') return next(error);
    response
      .status(413)
      .set('Connection', 'close')
      .json({ statusCode: 413, error: 'Payload Too Large', message: `the request body is larger than ${maxBytes} bytes, the limit of this service` });
  });
}
