import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { send } from '../../testing/http-client';
import { startEmbeddedIngestion, type IngestionUnderTest } from '../../testing/ingestion-app';
import { createTenant, type TestTenant } from '../../testing/tenants';

const BROWSER = { origin: 'https://shop.example' };

/** The routes posthog-js and analytics.js load before they send, on the app as startServiceApplication builds it. */
describe('what the browser SDKs load from Pulse (embedded adapters)', () => {
  let app: IngestionUnderTest;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startEmbeddedIngestion();
    tenant = await createTenant(app.url);
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('posthog-js', () => {
    const bundleFile = require.resolve('posthog-js/dist/array.js');

    it("serves /static/array.js, the snippet's script, from Pulse's own posthog-js, with CORS (the snippet loads it crossorigin)", async () => {
      const answer = await fetch(`${app.url}/static/array.js`, { headers: BROWSER });

      expect([answer.status, answer.headers.get('content-type'), answer.headers.get('access-control-allow-origin')]).toEqual([
        200,
        'application/javascript; charset=utf-8',
        '*',
      ]);
      expect(answer.headers.get('x-posthog-js-version')).toBe('1.449.2');
      expect(Buffer.from(await answer.arrayBuffer()).equals(readFileSync(bundleFile))).toBe(true);
    });

    it('gzips the bundle for clients that accept it, and only for them', async () => {
      const gzipped = await fetch(`${app.url}/static/array.js`, { headers: { 'accept-encoding': 'gzip' } });
      const plain = await fetch(`${app.url}/static/array.js`, { headers: { 'accept-encoding': 'identity' } });

      expect([gzipped.headers.get('content-encoding'), plain.headers.get('content-encoding')]).toEqual(['gzip', null]);
      expect(Buffer.from(await gzipped.arrayBuffer()).equals(readFileSync(bundleFile))).toBe(true);
    });

    it('answers the remote config as JSON and as the script posthog-js loads first, for a known write key', async () => {
      const json = await send(`${app.url}/array/${tenant.writeKey}/config`, { headers: BROWSER });
      const script = await fetch(`${app.url}/array/${tenant.writeKey}/config.js`, { headers: BROWSER });
      const window: Record<string, Record<string, { config: unknown }>> = {};
      runInNewContext(await script.text(), { window });

      expect([json.status, json.headers.get('access-control-allow-origin')]).toEqual([200, '*']);
      expect(json.body).toMatchObject({ supportedCompression: ['gzip', 'gzip-js'], hasFeatureFlags: false, sessionRecording: false });
      expect([script.status, script.headers.get('content-type')]).toEqual([200, 'application/javascript; charset=utf-8']);
      expect(window['_POSTHOG_REMOTE_CONFIG']?.[tenant.writeKey]?.config).toEqual(json.body);
    });

    it('answers 404, with CORS, for the config of an unknown write key', async () => {
      const answer = await send(`${app.url}/array/pwk_unknown/config`, { headers: BROWSER });

      expect([answer.status, answer.body.message, answer.headers.get('access-control-allow-origin')]).toEqual([404, 'No project has this write key.', '*']);
    });

    it('answers /flags/?v=2 (a gzipped text/plain POST, as posthog-js sends it) and /decide with no flags', async () => {
      const body = gzipSync(JSON.stringify({ token: tenant.writeKey, distinct_id: 'd-1' }));
      const flags = await send(`${app.url}/flags/?v=2`, { headers: { ...BROWSER, 'content-type': 'text/plain' }, raw: body });
      const decide = await send(`${app.url}/decide/?v=3`, { json: { token: tenant.writeKey, distinct_id: 'd-1' } });

      expect([flags.status, flags.headers.get('access-control-allow-origin')]).toEqual([200, '*']);
      expect(flags.body).toEqual({ flags: {}, errorsWhileComputingFlags: false, quotaLimited: [], requestId: expect.any(String) });
      expect(decide.status).toBe(200);
      expect(decide.body).toMatchObject({ featureFlags: {}, featureFlagPayloads: {}, supportedCompression: ['gzip', 'gzip-js'], sessionRecording: false });
    });

    it("answers posthog-js's preflight for /flags", async () => {
      const answer = await send(`${app.url}/flags/?v=2`, { method: 'OPTIONS', headers: { ...BROWSER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

      expect([answer.status, answer.headers.get('access-control-allow-methods')]).toEqual([204, 'GET, POST, OPTIONS']);
    });
  });

  describe('analytics.js', () => {
    it('answers the project settings with the Segment.io destination pointing back at the host it was fetched from', async () => {
      const answer = await send(`${app.url}/v1/projects/${tenant.writeKey}/settings`, { headers: BROWSER });

      expect([answer.status, answer.headers.get('access-control-allow-origin')]).toEqual([200, '*']);
      expect(answer.body.integrations).toEqual({
        'Segment.io': {
          apiKey: tenant.writeKey,
          apiHost: `${new URL(app.url).host}/v1`,
          protocol: 'http',
          unbundledIntegrations: [],
          addBundledMetadata: true,
          maybeBundledConfigIds: {},
        },
      });
      expect(answer.body.metrics).toEqual({ sampleRate: 0 });
    });

    it('names the public host behind a reverse proxy', async () => {
      const answer = await send(`${app.url}/v1/projects/${tenant.writeKey}/settings`, {
        headers: { 'x-forwarded-host': 'pulse.example', 'x-forwarded-proto': 'https' },
      });

      expect(answer.body.integrations['Segment.io']).toMatchObject({ apiHost: 'pulse.example/v1', protocol: 'https' });
    });

    it('answers 404 for an unknown write key', async () => {
      expect((await send(`${app.url}/v1/projects/pwk_unknown/settings`)).status).toBe(404);
    });
  });
});
