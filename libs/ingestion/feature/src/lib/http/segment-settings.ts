/** Where the browser reaches Pulse: host (with port) and scheme, as the request that fetched the settings came. */
export interface PublicOrigin {
  host: string;
  protocol: 'http' | 'https';
}

/**
 * The project settings analytics.js (analytics-next) loads from `<cdnURL>/v1/projects/<key>/settings`
 * before it sends anything. The one destination, Segment.io, points back at Pulse, at the host the
 * settings were fetched from; no device-mode destinations, middleware or remote plugins, so the SDK
 * loads none of its lazy bundles; and its own telemetry, which it would post to api.segment.io, is off.
 */
export function segmentSettingsFor(writeKey: string, origin: PublicOrigin): Record<string, unknown> {
  return {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        apiHost: `${origin.host}/v1`,
        protocol: origin.protocol,
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
      },
    },
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    edgeFunction: {},
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}

/**
 * The origin a browser used, behind a reverse proxy too: the first `X-Forwarded-Host` / `X-Forwarded-Proto`
 * when present, else the Host header and whether the connection was TLS. Answers vary on these headers.
 */
export function publicOriginOf(headers: Record<string, string | string[] | undefined>, encrypted: boolean): PublicOrigin | undefined {
  const host = firstOf(headers['x-forwarded-host']) ?? firstOf(headers['host']);
  if (host === undefined || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return undefined;
  const forwardedProto = firstOf(headers['x-forwarded-proto'])?.toLowerCase();
  const protocol = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : encrypted ? 'https' : 'http';
  return { host, protocol };
}

function firstOf(value: string | string[] | undefined): string | undefined {
  const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}
