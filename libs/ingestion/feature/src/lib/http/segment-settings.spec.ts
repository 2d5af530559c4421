import { publicOriginOf, segmentSettingsFor } from './segment-settings';

describe('Segment settings', () => {
  it('point the Segment.io destination back at the host the settings came from, and switch off its telemetry to Segment', () => {
    const settings = segmentSettingsFor('pwk_1', { host: 'pulse.example:8443', protocol: 'https' });

    expect(settings).toMatchObject({
      integrations: { 'Segment.io': { apiKey: 'pwk_1', apiHost: 'pulse.example:8443/v1', protocol: 'https' } },
      metrics: { sampleRate: 0 },
      remotePlugins: [],
      enabledMiddleware: {},
    });
    expect(Object.keys(settings['integrations'] as object)).toEqual(['Segment.io']);
  });
});

describe('publicOriginOf', () => {
  it('takes the Host header and the connection, http unless TLS', () => {
    expect(publicOriginOf({ host: '127.0.0.1:3001' }, false)).toEqual({ host: '127.0.0.1:3001', protocol: 'http' });
    expect(publicOriginOf({ host: 'pulse.example' }, true)).toEqual({ host: 'pulse.example', protocol: 'https' });
  });

  it("prefers a reverse proxy's first X-Forwarded-Host and X-Forwarded-Proto", () => {
    const headers = { host: 'ingestion:3000', 'x-forwarded-host': 'pulse.example, edge.internal', 'x-forwarded-proto': 'https,http' };

    expect(publicOriginOf(headers, false)).toEqual({ host: 'pulse.example', protocol: 'https' });
  });

  it('refuses a host that is not a host name or address with an optional port', () => {
    expect(publicOriginOf({ host: 'evil.example/path' }, false)).toBeUndefined();
    expect(publicOriginOf({}, false)).toBeUndefined();
    expect(publicOriginOf({ host: '[::1]:3000' }, false)).toEqual({ host: '[::1]:3000', protocol: 'http' });
  });
});
