import type { IncomingHttpHeaders } from 'node:http';

/**
 * Headers the browser SDKs send on cross-origin requests: Segment's Basic write key and X-Retry-Count,
 * Pulse's own write-key header, and the body's type and encoding. Other headers a preflight asks for
 * are allowed too (posthog-js `request_headers`, analytics-next `deliveryStrategy.config.headers`):
 * requests carry no cookies (`Allow-Origin: *` forbids them), so allowing a header gives nothing away.
 */
export const SDK_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'Content-Encoding', 'X-Pulse-Write-Key', 'X-Retry-Count'] as const;

/** An HTTP header name (RFC 9110 token); anything else a preflight asks for is left out. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * The CORS headers of an answer to a browser: any origin (write keys are public), the SDKs' methods and
 * headers, and Retry-After readable by the SDKs' scripts (both honour it after a 429 or 503, and a
 * cross-origin script only sees the headers it is allowed to).
 */
export function corsHeadersFor(requestHeaders: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': allowedHeadersFor(requestHeaders['access-control-request-headers']).join(', '),
    'Access-Control-Expose-Headers': 'Retry-After',
    'Access-Control-Max-Age': '86400',
    Vary: 'Access-Control-Request-Headers',
  };
  // Chrome's Private Network Access: a public site's page may reach a Pulse inside a private network.
  if (requestHeaders['access-control-request-private-network'] === 'true') headers['Access-Control-Allow-Private-Network'] = 'true';
  return headers;
}

function allowedHeadersFor(requested: string | undefined): string[] {
  const allowed: string[] = [...SDK_REQUEST_HEADERS];
  const known = new Set(allowed.map((name) => name.toLowerCase()));
  for (const name of (requested ?? '').split(',').map((part) => part.trim())) {
    if (name === '' || !HEADER_NAME.test(name) || known.has(name.toLowerCase())) continue;
    known.add(name.toLowerCase());
    allowed.push(name);
  }
  return allowed;
}
