/** Which requests the ingestion body reader handles, and which size limit applies to their body. */
export type BodyLimit = 'event' | 'batch';

/**
 * POST paths that carry events, lowercase without a trailing slash (posthog-node posts to `/batch/`).
 * Single-event routes are limited to one event's size; the rest may carry a batch.
 */
export const INGESTION_BODY_ROUTES: ReadonlyMap<string, BodyLimit> = new Map<string, BodyLimit>([
  ['/v1/events', 'event'],
  ['/v1/events/batch', 'batch'],
  ['/v1/track', 'event'],
  ['/v1/identify', 'event'],
  ['/v1/page', 'event'],
  ['/v1/screen', 'event'],
  ['/v1/group', 'event'],
  ['/v1/alias', 'event'],
  ['/v1/batch', 'batch'],
  ['/capture', 'batch'],
  ['/batch', 'batch'],
  ['/e', 'batch'],
  ['/i/v0/e', 'batch'],
]);

/** The route key of a request URL: path only, lowercase, no trailing slash. */
export function bodyRouteOf(url: string | undefined): BodyLimit | undefined {
  const path = new URL(url ?? '/', 'http://localhost').pathname.toLowerCase();
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return INGESTION_BODY_ROUTES.get(trimmed);
}
