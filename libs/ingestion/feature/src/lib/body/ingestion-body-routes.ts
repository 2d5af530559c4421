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
  // analytics.js posts to /v1/<first letter of the type>, and batches to /v1/b.
  ['/v1/t', 'event'],
  ['/v1/i', 'event'],
  ['/v1/p', 'event'],
  ['/v1/s', 'event'],
  ['/v1/g', 'event'],
  ['/v1/a', 'event'],
  ['/v1/b', 'batch'],
  ['/capture', 'batch'],
  ['/batch', 'batch'],
  ['/e', 'batch'],
  ['/i/v0/e', 'batch'],
]);

/** The body limit of a request URL's route, if it carries events. */
export function bodyRouteOf(url: string | undefined): BodyLimit | undefined {
  return INGESTION_BODY_ROUTES.get(routePathOf(url));
}

/** The route key of a request URL: path only, lowercase, no trailing slash. */
export function routePathOf(url: string | undefined): string {
  const path = new URL(url ?? '/', 'http://localhost').pathname.toLowerCase();
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * What the browser SDKs fetch besides the event routes: PostHog's feature flags, remote config and
 * bundle, and Segment's project settings. Matched on the route key (see `routePathOf`).
 */
const SDK_SUPPORT_ROUTES: readonly RegExp[] = [
  /^\/static\/array\.js$/,
  /^\/array\/[^/]+\/config(\.js)?$/,
  /^\/(flags|decide)$/,
  /^\/v1\/projects\/[^/]+\/settings$/,
];

/** Routes a browser calls from another origin: the event routes and the SDKs' support routes. */
export function isBrowserRoute(path: string): boolean {
  return INGESTION_BODY_ROUTES.has(path) || SDK_SUPPORT_ROUTES.some((route) => route.test(path));
}
