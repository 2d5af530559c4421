import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { readWebUiSettings } from './web-ui-settings';
import { CONTENT_TYPES, webUiTargetOf } from './web-ui-paths';

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Serves the built web UI before the service's routes see the request: files of the build, index.html for
 * the app's routes (the browser routes), and `/web-ui/config.json`. `/v1`, `/health`, `/ready`, `/metrics`
 * and `/docs` pass through untouched, and so does every method but GET and HEAD.
 */
@Injectable()
export class WebUiMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const pathname = pathnameOf(request.url);
    const target = pathname === undefined ? undefined : webUiTargetOf(pathname);
    if (!target || target.kind === 'service') return next();
    // Read per request: the embedded start learns the reporting service's address only once it listens.
    const settings = readWebUiSettings(process.env);
    if (target.kind === 'config') {
      return sendText(response, 200, CONTENT_TYPES['.json'], JSON.stringify({ reportingUrl: settings.reportingUrl }), 'no-store');
    }
    if (target.kind === 'app') return sendFile(request, response, join(settings.directory, 'index.html'), 'no-cache', settings.directory);
    const file = resolve(settings.directory, target.relativePath);
    const inside = relative(settings.directory, file);
    if (inside.startsWith('..') || inside.split(sep).some((segment) => segment.startsWith('.')))
      return sendText(response, 404, CONTENT_TYPES['.txt'], 'Not found', 'no-store');
    return sendFile(
      request,
      response,
      file,
      target.immutable ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache',
      settings.directory,
    );
  }
}

function pathnameOf(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://ui').pathname);
  } catch {
    return undefined;
  }
}

function sendFile(request: IncomingMessage, response: ServerResponse, file: string, cacheControl: string, directory: string): void {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    if (file.endsWith(`${sep}index.html`) && file === join(directory, 'index.html')) {
      return sendText(
        response,
        503,
        CONTENT_TYPES['.txt'],
        `The web UI is not built: run "npx nx run web:build" (looked in ${directory}; WEB_UI_DIRECTORY sets it).`,
        'no-store',
      );
    }
    return sendText(response, 404, CONTENT_TYPES['.txt'], 'Not found', 'no-store');
  }
  response.statusCode = 200;
  response.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  response.setHeader('Content-Length', size);
  response.setHeader('Cache-Control', cacheControl);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (request.method === 'HEAD') return void response.end();
  createReadStream(file).pipe(response);
}

function sendText(response: ServerResponse, status: number, contentType: string, body: string, cacheControl: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', contentType);
  response.setHeader('Cache-Control', cacheControl);
  response.end(body);
}
