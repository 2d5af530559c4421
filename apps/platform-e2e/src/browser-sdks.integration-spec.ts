import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import type { Page } from 'playwright-core';
import { PLAIN_PAGE, postHogPage, segmentPage, SENT_BEACONS_KEY, SENT_EVENTS_KEY, serveTestSite, type TestSite } from './support/browser-sdk-pages';
import { BuiltServices } from './support/built-services';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { PulseTraffic, type PulseRequest } from './support/pulse-traffic';
import { ADMIN_DATABASE_URL, deleteLiveState, runAsAdmin, skipOldBacklog, withDatabase } from './support/test-stack';

const ADMIN_TOKEN = 'browser-sdks-admin-token-0123456789';
/** The visitor comes from a newsletter: this page linked to the site, with these UTM parameters. */
const REFERRER = 'https://news.example/spring-offers';
const CAMPAIGN_QUERY = '?utm_campaign=spring_sale&utm_source=newsletter&utm_medium=email';
const CAMPAIGN = { name: 'spring_sale', source: 'newsletter', medium: 'email' };
/** posthog-js's capture path: `/e/` by default (`/i/v0/e/` when a remote config names it). */
const POSTHOG_CAPTURE = /^\/(e|i\/v0\/e)\/?(\?|$)/;

type Source = 'posthog' | 'segment';

interface Tenant {
  id: string;
  writeKey: string;
}

interface SentEvent {
  id: string;
  name: string;
}

/** One visit: what the SDK handed to the network (recorded by the page) and what the browser sent. */
interface Visit {
  sent: SentEvent[];
  /** navigator.sendBeacon calls: URL and the body's content type. */
  beacons: { url: string; type: string }[];
  anonymousId: string;
  userAgent: string;
  pageUrl: string;
  requests: PulseRequest[];
  elsewhere: string[];
  /** `ingestion_events_accepted_total` of the SDK's source before the visit. */
  acceptedBefore: number;
}

/** What the test does on the page with the SDK; resolves with the visitor's anonymous id. */
type Actions = (page: Page, traffic: PulseTraffic, sentSoFar: () => Promise<SentEvent[]>) => Promise<string>;

interface StoredEvent {
  event_id: string;
  type: string;
  user_id: string | null;
  anonymous_id: string | null;
  context: { page?: Record<string, string>; campaign?: Record<string, string>; userAgent?: string };
}

/**
 * posthog-js 1.449 (PostHog's standard snippet) and @segment/analytics-next 1.84 (Segment's snippet and
 * standalone bundle), unchanged, on a page of another origin in Debian's Chromium, pointed at the built
 * ingestion app with default settings. The built stream processor stores into a fresh PostgreSQL database,
 * read back here.
 */
describe('browser SDKs in Chromium, against the built apps', () => {
  const database = `pulse_e2e_${randomBytes(6).toString('hex')}`;
  const databaseUrl = withDatabase(ADMIN_DATABASE_URL, database);
  const services = new BuiltServices(databaseUrl);
  const tenants: Tenant[] = [];
  let sql: Client | undefined;
  let pulse: string;
  let site: TestSite | undefined;
  let browser: RunningBrowser | undefined;

  beforeAll(async () => {
    await skipOldBacklog('browser-sdks-e2e-admin');
    await runAsAdmin(`CREATE DATABASE ${escapeIdentifier(database)}`);
    sql = new Client({ connectionString: databaseUrl });
    await sql.connect();
    // The processor first: it migrates the fresh database.
    await services.start('stream-processor');
    pulse = await services.start('ingestion', { ADMIN_TOKEN });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await services.stop();
    await sql?.end();
    await runAsAdmin(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
    for (const tenant of tenants) await deleteLiveState(tenant.id);
  }, 60_000);

  function db(): Client {
    if (!sql) throw new Error('no database connection');
    return sql;
  }

  async function createTenant(): Promise<Tenant> {
    const answer = await fetch(`${pulse}/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: `browser-${randomBytes(4).toString('hex')}`, name: 'Browser SDKs', timeZone: 'Europe/Berlin', currency: 'EUR' }),
    });
    if (answer.status !== 201) throw new Error(`creating a tenant answered ${answer.status}: ${await answer.text()}`);
    const { tenant, writeKey } = (await answer.json()) as { tenant: { id: string }; writeKey: string };
    tenants.push({ id: tenant.id, writeKey });
    return { id: tenant.id, writeKey };
  }

  async function acceptedSoFar(source: Source): Promise<number> {
    const metrics = await (await fetch(`${pulse}/metrics`)).text();
    // One series per event type: the source's total is their sum.
    const series = new RegExp(`^ingestion_events_accepted_total\\{source="${source}"[^}]*\\} (\\d+)$`, 'gm');
    return [...metrics.matchAll(series)].reduce((sum, match) => sum + Number(match[1]), 0);
  }

  /**
   * Serves `page` at `path` on the site, opens it as a visitor from a newsletter would, lets `act` use the
   * SDK, then leaves for another page at once (the SDK's pagehide flush).
   */
  async function visit(source: Source, path: string, html: string, act: Actions): Promise<Visit> {
    if (!browser) throw new Error('no browser');
    await site?.close();
    site = await serveTestSite({ [path]: html, '/next': PLAIN_PAGE });
    const origin = site.origin;
    const acceptedBefore = await acceptedSoFar(source);
    const page = await browser.context.newPage();
    const traffic = new PulseTraffic(browser.context, pulse, origin);
    const recorded = async <T>(key: string): Promise<T[]> => JSON.parse(((await page.evaluate(`localStorage.getItem('${key}')`)) as string | null) ?? '[]') as T[];
    try {
      await page.goto(`${origin}${path}${CAMPAIGN_QUERY}`, { referer: REFERRER });
      const userAgent = (await page.evaluate('navigator.userAgent')) as string;
      const pageUrl = page.url();
      const anonymousId = await act(page, traffic, () => recorded<SentEvent>(SENT_EVENTS_KEY));
      await page.goto(`${origin}/next`);
      const sent = await recorded<SentEvent>(SENT_EVENTS_KEY);
      const beacons = await recorded<{ url: string; type: string }>(SENT_BEACONS_KEY);
      // The next visit starts as a new visitor.
      await page.evaluate('localStorage.clear()');
      await browser.context.clearCookies();
      return { sent, beacons, anonymousId, userAgent, pageUrl, requests: traffic.requests, elsewhere: traffic.elsewhere, acceptedBefore };
    } finally {
      traffic.stop();
      await page.close();
    }
  }

  /** Waits, bounded, until the tenant's stored events hold every id sent; then reads them. */
  async function storedEvents(tenant: Tenant, sent: SentEvent[]): Promise<StoredEvent[]> {
    const read = async () =>
      (
        await db().query(
          `SELECT event_id, type, user_id, anonymous_id, context FROM events WHERE tenant_id = $1 ORDER BY occurred_at, event_id`,
          [tenant.id],
        )
      ).rows as StoredEvent[];
    const deadline = Date.now() + 60_000;
    for (;;) {
      const rows = await read();
      const stored = new Set(rows.map((row) => row.event_id));
      const missing = sent.filter((event) => !stored.has(event.id));
      if (missing.length === 0) return rows;
      if (Date.now() > deadline) throw new Error(`stored ${rows.length} events; never stored: ${JSON.stringify(missing)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Events the ingestion accepted since the visit began: as many as were sent when none was sent twice. */
  async function acceptedSince(source: Source, visited: Visit): Promise<number> {
    return (await acceptedSoFar(source)) - visited.acceptedBefore;
  }

  /** Who each stored event belongs to once identity links are followed (as the insights queries resolve it). */
  async function personsOf(tenant: Tenant): Promise<string[]> {
    const resolved = await db().query(
      `SELECT DISTINCT COALESCE(l.to_id, e.user_key) AS person
         FROM events e LEFT JOIN identity_links l ON l.tenant_id = e.tenant_id AND e.user_key = 'anon:' || l.from_id
        WHERE e.tenant_id = $1 ORDER BY 1`,
      [tenant.id],
    );
    return resolved.rows.map((row: { person: string }) => row.person);
  }

  async function linksOf(tenant: Tenant): Promise<{ from_id: string; to_id: string }[]> {
    return (await db().query(`SELECT from_id, to_id FROM identity_links WHERE tenant_id = $1 ORDER BY from_id`, [tenant.id])).rows;
  }

  function failedOrRefused(visited: Visit): PulseRequest[] {
    return visited.requests.filter((request) => request.status === 0 || request.status >= 400);
  }

  function sentIds(visited: Visit): string[] {
    return visited.sent.map((event) => event.id).sort();
  }

  function idOf(visited: Visit, name: string): string {
    const found = visited.sent.find((event) => event.name === name);
    if (!found) throw new Error(`the SDK never sent ${name}; it sent ${JSON.stringify(visited.sent)}`);
    return found.id;
  }

  /**
   * The posthog-js visit: $pageview and a custom event while anonymous, identify (posthog-js sends
   * $identify at once and reloads its flags), one more event, and the page is left before its batch is
   * due: that event and $pageleave go out in the pagehide beacon. Each step waits for Pulse's answer, so
   * no request is cut off by the navigation (whose outcome the SDK could not know, and would resend).
   */
  const postHogActions: Actions = async (page, traffic, sentSoFar) => {
    await page.waitForFunction('window.posthog && window.posthog.__loaded === true', undefined, { timeout: 30_000 });
    const anonymousId = (await page.evaluate('posthog.get_distinct_id()')) as string;
    await page.evaluate(`posthog.capture('demo requested', { plan: 'pro' })`);
    await traffic.waitForAnswered((await sentSoFar()).map((event) => event.id));
    await page.evaluate(`posthog.identify('user-ph-1', { email: 'ada@example.com' })`);
    await traffic.waitForAnswered((await sentSoFar()).map((event) => event.id));
    await waitUntil(() => traffic.requests.some((request) => request.path.startsWith('/flags') && request.status === 200), 'an answer to /flags');
    await page.evaluate(`posthog.capture('plan chosen', { plan: 'pro' })`);
    return anonymousId;
  };

  describe('posthog-js from the standard snippet, default settings (gzip)', () => {
    let tenant: Tenant;
    let visited: Visit;
    let stored: StoredEvent[];

    beforeAll(async () => {
      tenant = await createTenant();
      visited = await visit('posthog', '/posthog', postHogPage(pulse, tenant.writeKey), postHogActions);
      stored = await storedEvents(tenant, visited.sent);
    }, 180_000);

    it("loads the SDK and its config from Pulse, and every request it makes is answered without an error, CORS's included", () => {
      expect(visited.elsewhere).toEqual([]);
      expect(failedOrRefused(visited)).toEqual([]);
      expect(visited.requests.map((request) => `${request.method} ${request.path.split('?')[0]}`)).toEqual(
        expect.arrayContaining(['GET /static/array.js', `GET /array/${tenant.writeKey}/config.js`, 'POST /e/', 'POST /flags/']),
      );
    });

    it('sends its batches gzipped, as text/plain with no encoding header, each answered 200', () => {
      const captures = visited.requests.filter((request) => request.method === 'POST' && POSTHOG_CAPTURE.test(request.path));

      expect(captures.length).toBeGreaterThan(0);
      expect(captures.map((request) => [request.status, request.gzipped])).toEqual(captures.map(() => [200, true]));
    });

    it('sends the last events in a gzipped beacon when the page is left, and Pulse stores them', () => {
      const byFetch = new Set(visited.requests.flatMap((request) => request.eventIds));

      expect(visited.beacons.length).toBeGreaterThan(0);
      expect(visited.beacons.every((beacon) => POSTHOG_CAPTURE.test(new URL(beacon.url).pathname) && beacon.type === 'text/plain')).toBe(true);
      expect(visited.sent.filter((event) => !byFetch.has(event.id)).map((event) => event.name)).toEqual(['plan chosen', '$pageleave']);
      expect(stored.map((event) => event.event_id)).toEqual(expect.arrayContaining([idOf(visited, 'plan chosen'), idOf(visited, '$pageleave')]));
    });

    it('stores every event it sent, once, and none was delivered twice', async () => {
      expect(visited.sent.map((event) => event.name)).toEqual(['$pageview', 'demo requested', '$identify', 'plan chosen', '$pageleave']);
      expect(stored.map((event) => event.event_id).sort()).toEqual(sentIds(visited));
      expect(await acceptedSince('posthog', visited)).toBe(visited.sent.length);
    });

    it('links the anonymous events before identify to the user', async () => {
      const beforeIdentify = stored.filter((event) => [idOf(visited, '$pageview'), idOf(visited, 'demo requested')].includes(event.event_id));

      expect(beforeIdentify.map((event) => [event.type, event.user_id, event.anonymous_id])).toEqual([
        ['page_view', null, visited.anonymousId],
        ['demo_requested', null, visited.anonymousId],
      ]);
      expect(await linksOf(tenant)).toEqual([{ from_id: visited.anonymousId, to_id: 'user-ph-1' }]);
      expect(await personsOf(tenant)).toEqual(['user-ph-1']);
    });

    it('keeps the page URL, referrer, UTM campaign and user agent as context', () => {
      const pageView = stored.find((event) => event.event_id === idOf(visited, '$pageview'));
      const planChosen = stored.find((event) => event.event_id === idOf(visited, 'plan chosen'));

      expect(pageView?.context).toMatchObject({ page: { url: visited.pageUrl, referrer: REFERRER, path: '/posthog' }, campaign: CAMPAIGN, userAgent: visited.userAgent });
      expect(planChosen?.context).toMatchObject({ page: { url: visited.pageUrl }, campaign: CAMPAIGN, userAgent: visited.userAgent });
    });
  });

  describe('posthog-js with compression off: JSON batches and a base64 form beacon', () => {
    let tenant: Tenant;
    let visited: Visit;
    let stored: StoredEvent[];

    beforeAll(async () => {
      tenant = await createTenant();
      visited = await visit('posthog', '/posthog-plain', postHogPage(pulse, tenant.writeKey, { disable_compression: true }), postHogActions);
      stored = await storedEvents(tenant, visited.sent);
    }, 180_000);

    it('sends JSON batches (after a CORS preflight) and leaves with data=<base64> as a form, ?compression=base64', () => {
      const captures = visited.requests.filter((request) => request.method === 'POST' && POSTHOG_CAPTURE.test(request.path));

      expect(visited.elsewhere).toEqual([]);
      expect(failedOrRefused(visited)).toEqual([]);
      expect(captures.map((request) => [request.status, request.gzipped])).toEqual(captures.map(() => [200, false]));
      expect(visited.beacons.length).toBeGreaterThan(0);
      expect(visited.beacons.map((beacon) => [new URL(beacon.url).searchParams.get('compression'), beacon.type])).toEqual(
        visited.beacons.map(() => ['base64', 'application/x-www-form-urlencoded']),
      );
    });

    it('stores every event it sent, once, none delivered twice, the anonymous ones linked to the user', async () => {
      expect(stored.map((event) => event.event_id).sort()).toEqual(sentIds(visited));
      expect(await acceptedSince('posthog', visited)).toBe(visited.sent.length);
      expect(await personsOf(tenant)).toEqual(['user-ph-1']);
    });
  });

  /**
   * The analytics.js visit: the snippet queues page() and a track before the bundle loads; then identify
   * and one more track, each waited for, and the page is left.
   */
  const segmentActions: Actions = async (page, traffic, sentSoFar) => {
    await page.waitForFunction('window.analytics && window.analytics.initialized === true', undefined, { timeout: 30_000 });
    await waitUntil(async () => (await sentSoFar()).length >= 2, 'the queued page and track');
    await traffic.waitForAnswered((await sentSoFar()).map((event) => event.id));
    const anonymousId = (await page.evaluate('analytics.user().anonymousId()')) as string;
    // analytics.js returns a promise per call that settles on delivery: not awaited in the page.
    await page.evaluate(`void analytics.identify('user-seg-1', { email: 'grace@example.com' }); void analytics.track('Plan Chosen', { plan: 'pro' })`);
    await waitUntil(async () => (await sentSoFar()).length >= 4, 'identify and the second track');
    await traffic.waitForAnswered((await sentSoFar()).map((event) => event.id));
    return anonymousId;
  };

  describe('analytics.js (analytics-next) from the Segment snippet, settings from Pulse, default delivery', () => {
    let tenant: Tenant;
    let visited: Visit;
    let stored: StoredEvent[];

    beforeAll(async () => {
      tenant = await createTenant();
      visited = await visit('segment', '/segment', segmentPage(pulse, tenant.writeKey), segmentActions);
      stored = await storedEvents(tenant, visited.sent);
    }, 180_000);

    it('loads its settings from Pulse and posts every call to its short path there, each answered 200 (preflights with Authorization passed)', () => {
      expect(visited.elsewhere).toEqual([]);
      expect(failedOrRefused(visited)).toEqual([]);
      expect(visited.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
        `GET /v1/projects/${tenant.writeKey}/settings 200`,
        'POST /v1/p 200',
        'POST /v1/t 200',
        'POST /v1/i 200',
        'POST /v1/t 200',
      ]);
    });

    it('stores every event it sent, once, and none was delivered twice', async () => {
      expect(visited.sent.map((event) => event.name)).toEqual(['page:', 'track:Demo Requested', 'identify:', 'track:Plan Chosen']);
      expect(stored.map((event) => event.event_id).sort()).toEqual(sentIds(visited));
      expect(await acceptedSince('segment', visited)).toBe(visited.sent.length);
    });

    it('links the anonymous events before identify to the user', async () => {
      const beforeIdentify = stored.filter((event) => [idOf(visited, 'page:'), idOf(visited, 'track:Demo Requested')].includes(event.event_id));

      expect(beforeIdentify.map((event) => [event.type, event.user_id, event.anonymous_id]).sort()).toEqual([
        ['demo_requested', null, visited.anonymousId],
        ['page_view', null, visited.anonymousId],
      ]);
      expect(await linksOf(tenant)).toEqual([{ from_id: visited.anonymousId, to_id: 'user-seg-1' }]);
      expect(await personsOf(tenant)).toEqual(['user-seg-1']);
    });

    it('keeps the page URL, referrer, UTM campaign and user agent as context', () => {
      const pageView = stored.find((event) => event.event_id === idOf(visited, 'page:'));
      const planChosen = stored.find((event) => event.event_id === idOf(visited, 'track:Plan Chosen'));

      expect(pageView?.context).toMatchObject({ page: { url: visited.pageUrl, referrer: REFERRER, path: '/segment' }, campaign: CAMPAIGN, userAgent: visited.userAgent });
      expect(planChosen?.context).toMatchObject({ page: { url: visited.pageUrl }, campaign: CAMPAIGN, userAgent: visited.userAgent });
    });
  });

  describe('analytics.js with its batching delivery strategy', () => {
    let tenant: Tenant;
    let visited: Visit;
    let stored: StoredEvent[];

    beforeAll(async () => {
      tenant = await createTenant();
      const batching = { integrations: { 'Segment.io': { deliveryStrategy: { strategy: 'batching', config: { size: 10, timeout: 500 } } } } };
      visited = await visit('segment', '/segment-batching', segmentPage(pulse, tenant.writeKey, batching), segmentActions);
      stored = await storedEvents(tenant, visited.sent);
    }, 180_000);

    it('posts its batches to /v1/b, each answered 200, and every event is stored once', async () => {
      const posts = visited.requests.filter((request) => request.method === 'POST');

      expect(visited.elsewhere).toEqual([]);
      expect(failedOrRefused(visited)).toEqual([]);
      expect(posts.length).toBeGreaterThan(0);
      expect(posts.map((request) => [request.path, request.status])).toEqual(posts.map(() => ['/v1/b', 200]));
      expect(stored.map((event) => event.event_id).sort()).toEqual(sentIds(visited));
      expect(await acceptedSince('segment', visited)).toBe(visited.sent.length);
      expect(await personsOf(tenant)).toEqual(['user-seg-1']);
    });
  });
});

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
