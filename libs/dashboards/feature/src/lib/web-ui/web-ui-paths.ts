/** Paths the service's own routes answer; the web UI never shadows them. */
const SERVICE_PREFIXES = ['/v1', '/health', '/ready', '/metrics', '/docs'];

export type WebUiTarget =
  | { kind: 'service' }
  | { kind: 'config' }
  /** A file of the build, by its path relative to the build directory. */
  | { kind: 'file'; relativePath: string; immutable: boolean }
  /** A UI route (`/dashboards/…`): the app's index.html, which routes in the browser. */
  | { kind: 'app' };

export const WEB_UI_CONFIG_PATH = '/web-ui/config.json';

/**
 * What a GET of this path is for. Paths with a file extension are files of the build (a missing one is a 404,
 * never index.html, so a stale script reference fails loudly); other paths are the app's routes.
 */
export function webUiTargetOf(pathname: string): WebUiTarget {
  if (SERVICE_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}-`))) {
    return { kind: 'service' };
  }
  if (pathname === WEB_UI_CONFIG_PATH) return { kind: 'config' };
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
  if (pathname === '/' || !lastSegment.includes('.')) return { kind: 'app' };
  const relativePath = pathname.replace(/^\/+/, '');
  // Vite names every file under assets/ by its content hash: it never changes, so it may be cached for a year.
  return { kind: 'file', relativePath, immutable: relativePath.startsWith('assets/') };
}

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
