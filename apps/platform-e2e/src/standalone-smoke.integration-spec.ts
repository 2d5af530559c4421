import { cleanEnv, ProcessUnderTest } from './support/process-under-test';

const SERVICES = ['ingestion', 'stream-processor', 'insights', 'reporting', 'dashboards'];

describe('embedded start (npm start)', () => {
  let pulse: ProcessUnderTest;

  afterEach(async () => pulse?.kill());

  it('serves health, readiness, metrics and API docs for every service, seeds the demo tenant, and stops cleanly on Ctrl-C', async () => {
    pulse = new ProcessUnderTest('standalone', cleanEnv({ PULSE_BASE_PORT: '0' }));
    await pulse.waitForOutput(/Press Ctrl-C to stop/, 90_000);
    // Without PULSE_DATA_DIR the banner says plainly what a crash loses.
    expect(pulse.stdout).toContain('Accepted events (answered 202) live in memory until stored');

    const urls = new Map<string, string>();
    for (const match of pulse.stdout.matchAll(/^\s+([a-z-]+)\s+(http:\/\/\S+)\s+API docs/gm)) urls.set(match[1], match[2]);
    expect([...urls.keys()].sort()).toEqual([...SERVICES].sort());

    for (const [service, url] of urls) {
      const health = await fetch(`${url}/health`);
      expect({ service, status: health.status }).toEqual({ service, status: 200 });
      expect(await health.json()).toMatchObject({ status: 'ok', service });
      const ready = await fetch(`${url}/ready`);
      expect({ service, status: ready.status }).toEqual({ service, status: 200 });
      const metrics = await fetch(`${url}/metrics`);
      expect(await metrics.text()).toContain('http_request_duration_seconds');
      const docs = await fetch(`${url}/docs-json`);
      expect((await docs.json()).openapi).toMatch(/^3\./);
    }
    const demo = pulse.stdout.match(/Demo tenant 'demo' with (\d+) events; write key (pwk_\S+)/);
    expect(demo).not.toBeNull();
    expect(Number(demo?.[1])).toBeGreaterThan(1000);

    // The demo tenant's secret key reads its live state; no key, no data.
    const secretKey = pulse.stdout.match(/secret key \(queries\): (psk_\S+)/)?.[1];
    const overviewUrl = `${urls.get('insights')}/v1/realtime/overview`;
    expect((await fetch(overviewUrl)).status).toBe(401);
    const overview = await fetch(overviewUrl, { headers: { authorization: `Bearer ${secretKey}` } });
    expect(overview.status).toBe(200);
    expect(await overview.json()).toMatchObject({ timeZone: 'Europe/Berlin', currency: 'EUR' });

    pulse.signal('SIGINT');
    const exit = await pulse.waitForExit(30_000);
    expect(exit.code).toBe(0);
    expect(pulse.stdout).toContain('Pulse stopped cleanly.');
  });
});
