import { corsHeadersFor } from './browser-cors';

describe('corsHeadersFor', () => {
  it("allows any origin, GET and POST, and the headers analytics.js and posthog-js send (Segment's X-Retry-Count included)", () => {
    expect(corsHeadersFor({})).toEqual({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, Content-Encoding, X-Pulse-Write-Key, X-Retry-Count',
      'Access-Control-Expose-Headers': 'Retry-After',
      'Access-Control-Max-Age': '86400',
      Vary: 'Access-Control-Request-Headers',
    });
  });

  it('adds the other headers a preflight asks for once, and leaves out what is not a header name', () => {
    const headers = corsHeadersFor({ 'access-control-request-headers': 'authorization, x-retry-count, X-Custom-Tenant, bad header, x-custom-tenant' });

    expect(headers['Access-Control-Allow-Headers']).toBe('Authorization, Content-Type, Content-Encoding, X-Pulse-Write-Key, X-Retry-Count, X-Custom-Tenant');
  });

  it("answers Chrome's private-network preflight only when it is asked", () => {
    expect(corsHeadersFor({ 'access-control-request-private-network': 'true' })['Access-Control-Allow-Private-Network']).toBe('true');
    expect(corsHeadersFor({})['Access-Control-Allow-Private-Network']).toBeUndefined();
  });
});
