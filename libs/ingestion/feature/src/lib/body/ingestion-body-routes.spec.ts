import { bodyRouteOf, isBrowserRoute, routePathOf } from './ingestion-body-routes';

describe('bodyRouteOf', () => {
  it('limits single-event routes to one event and the rest to a batch', () => {
    expect(['/v1/events', '/v1/track', '/v1/alias'].map(bodyRouteOf)).toEqual(['event', 'event', 'event']);
    expect(['/v1/events/batch', '/v1/batch', '/capture', '/batch', '/e', '/i/v0/e'].map(bodyRouteOf)).toEqual(Array(6).fill('batch'));
  });

  it("knows analytics.js's short paths: /v1/t, /v1/i, /v1/p, /v1/s, /v1/g, /v1/a carry one event, /v1/b a batch", () => {
    expect(['/v1/t', '/v1/i', '/v1/p', '/v1/s', '/v1/g', '/v1/a', '/v1/b'].map(bodyRouteOf)).toEqual([...Array(6).fill('event'), 'batch']);
  });

  it('ignores the query string, a trailing slash and the case of the path', () => {
    expect(bodyRouteOf('/batch/')).toBe('batch');
    expect(bodyRouteOf('/E/?compression=gzip-js&ver=1')).toBe('batch');
  });

  it('leaves every other route to Nest', () => {
    expect(['/v1/admin/tenants', '/health', '/v1/events/other', '/'].map(bodyRouteOf)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('isBrowserRoute', () => {
  it('covers the event routes and what the browser SDKs load: bundle, remote config, flags, Segment settings', () => {
    const paths = ['/e/', '/v1/t', '/static/array.js', '/array/pwk_AbC/config', '/array/pwk_AbC/config.js', '/flags/?v=2', '/decide/', '/v1/projects/pwk_AbC/settings'];

    expect(paths.map((url) => isBrowserRoute(routePathOf(url)))).toEqual(Array(paths.length).fill(true));
  });

  it('leaves admin, operations and unknown paths out', () => {
    const paths = ['/v1/admin/tenants', '/health', '/metrics', '/static/other.js', '/array/k/config/x', '/v1/projects/k'];

    expect(paths.map((url) => isBrowserRoute(routePathOf(url)))).toEqual(Array(paths.length).fill(false));
  });
});
