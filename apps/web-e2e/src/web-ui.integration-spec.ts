import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type RunningBrowser } from './support/chromium';
import { startEmbeddedPulse, workspaceRoot, type EmbeddedPulse } from './support/embedded-pulse';

/** `WRITE_SCREENSHOTS=1` refreshes the README's pictures in docs/screenshots. */
const SCREENSHOTS = process.env['WRITE_SCREENSHOTS'] === '1' ? join(workspaceRoot, 'docs', 'screenshots') : undefined;

interface DashboardSummary {
  id: string;
  name: string;
  prebuiltKey: string | null;
}

interface WidgetResult {
  id: string;
  type: string;
  status: 'ok' | 'error';
  data?: { value?: number | null };
}

/**
 * The web UI in Debian's Chromium, served by the built embedded start (`npm start`) with its demo tenant:
 * what it draws is checked against the API's answers, and no page logs a console error.
 */
describe('web UI in Chromium, against the embedded start', () => {
  let pulse: EmbeddedPulse;
  let browser: RunningBrowser;
  let page: Page;
  const consoleErrors: string[] = [];
  let executive: DashboardSummary;

  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const base = path.startsWith('/v1/reports') ? pulse.urls.get('reporting') : pulse.webUi.replace(/\/$/, '');
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${pulse.secretKey}`, 'content-type': 'application/json' },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  const screenshot = async (name: string) => {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  };

  /** A widget's section on the page, by its title. */
  const widget = (title: string) => page.locator('section.widget', { has: page.getByRole('heading', { name: title, exact: true }) });

  beforeAll(async () => {
    pulse = await startEmbeddedPulse();
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await pulse?.stop();
  });

  it("signs in with the demo tenant's secret key and lists the prebuilt dashboards", async () => {
    await page.goto(pulse.webUi);
    await screenshot('sign-in');
    await page.getByLabel('Secret key', { exact: true }).fill('psk_not_a_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    // The refused key's 401 is the one error the browser logs (for any failed request); nothing else may.
    expect(consoleErrors).toEqual([expect.stringContaining('status of 401')]);
    consoleErrors.length = 0;

    await page.getByLabel('Secret key', { exact: true }).fill(pulse.secretKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboards', level: 1 }).waitFor();
    const dashboards = await api<DashboardSummary[]>('/v1/dashboards');
    executive = dashboards.find((dashboard) => dashboard.prebuiltKey === 'executive_overview') as DashboardSummary;
    expect(executive).toBeDefined();
    const linked = await page.locator('.card-list h2 a').allTextContents();
    expect(linked).toEqual(dashboards.map((dashboard) => dashboard.name));
    await screenshot('dashboards');
  });

  it('draws the executive dashboard with the numbers the API answers', async () => {
    await page.getByRole('link', { name: executive.name }).click();
    await page.getByRole('heading', { name: executive.name, level: 1 }).waitFor();
    const data = await api<{ widgets: WidgetResult[] }>(`/v1/dashboards/${executive.id}/data?period=last_7_days&compare=false`);
    const dashboard = await api<{ widgets: { id: string; type: string; title: string }[] }>(`/v1/dashboards/${executive.id}`);
    await page.locator('.widget .muted', { hasText: 'Loading…' }).first().waitFor({ state: 'detached' });

    const counters = dashboard.widgets.filter((entry) => entry.type === 'counter');
    expect(counters.length).toBeGreaterThanOrEqual(4);
    for (const counter of counters) {
      const answer = data.widgets.find((result) => result.id === counter.id);
      expect(answer?.status).toBe('ok');
      const drawn = await widget(counter.title).locator('.big-number').textContent();
      // The figure as drawn (grouping, currency sign) read back as a number: equal to the API's to the cent.
      expect({ title: counter.title, value: numberIn(drawn ?? '') }).toEqual({
        title: counter.title,
        value: round2(answer?.data?.value ?? NaN),
      });
    }
    // Every chart widget is drawn as an SVG chart (no error in its place).
    for (const chart of dashboard.widgets.filter((entry) => ['time_series', 'bar'].includes(entry.type))) {
      await widget(chart.title).locator('svg[role="img"]').waitFor();
    }
    expect(await page.locator('.widget [role="alert"]').count()).toBe(0);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await screenshot('executive-dashboard');
  });

  it('moves the live counter when events arrive, without a reload', async () => {
    const dashboard = await api<{ widgets: { id: string; type: string; title: string }[] }>(`/v1/dashboards/${executive.id}`);
    const live = dashboard.widgets.find((entry) => entry.type === 'live_counter');
    expect(live).toBeDefined();
    const value = widget(live?.title ?? '').locator('.big-number');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const before = Number(await value.getAttribute('data-value'));
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // New visitors right now: the live figure (active users, events today…) rises.
    const events = Array.from({ length: 3 }, (_, index) => ({
      eventId: randomUUID(),
      type: 'page_view',
      timestamp: new Date().toISOString(),
      userId: `web-e2e-visitor-${index}-${randomUUID()}`,
      properties: { path: '/pricing' },
    }));
    const sent = await fetch(`${pulse.urls.get('ingestion')}/v1/events/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pulse.writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(sent.status).toBe(202);

    await page.waitForFunction(
      ([selector, previous]) => Number(document.querySelector(selector as string)?.getAttribute('data-value')) > (previous as number),
      [`section.widget[data-widget-id="${live?.id}"] .big-number`, before] as const,
      { timeout: 20_000 },
    );
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // The processor may store the batch in parts (one push each); once all is stored, what is drawn is what the API answers.
    const deadline = Date.now() + 20_000;
    let drawn: number;
    let answered: number | null | undefined;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = await api<{ widgets: WidgetResult[] }>(`/v1/dashboards/${executive.id}/data?period=last_7_days`);
      answered = now.widgets.find((result) => result.id === live?.id)?.data?.value;
      drawn = Number(await value.getAttribute('data-value'));
    } while ((drawn !== answered || drawn < before + events.length) && Date.now() < deadline);
    expect({ drawn, answered }).toEqual({ drawn: answered, answered: before + events.length });
  });

  it('adds a widget with the query builder, and it is there after a reload', async () => {
    await page.getByRole('button', { name: 'Add widget' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title', { exact: true }).fill('Purchases by device <img src=x onerror=alert(1)>');
    await dialog.getByLabel('Type', { exact: true }).selectOption('bar');
    await dialog.getByLabel('Event type', { exact: true }).fill('purchase');
    await dialog.getByLabel('Aggregation', { exact: true }).selectOption('event_count');
    await dialog.getByLabel('Group by', { exact: true }).fill('device_type');
    await screenshot('widget-editor');
    await dialog.getByRole('button', { name: 'Add widget' }).click();
    await dialog.waitFor({ state: 'detached' });

    const title = 'Purchases by device <img src=x onerror=alert(1)>';
    await widget(title).locator('svg[role="img"]').waitFor();
    await page.reload();
    await widget(title).locator('svg[role="img"]').waitFor();
    // The title is text, never markup.
    expect(await page.locator('section.widget img').count()).toBe(0);
    const stored = await api<{ widgets: { title: string; type: string; query: unknown }[] }>(`/v1/dashboards/${executive.id}`);
    expect(stored.widgets.find((entry) => entry.title === title)).toMatchObject({
      type: 'bar',
      query: { metric: { type: 'event_count', events: ['purchase'] }, groupBy: ['device_type'] },
    });
  });

  it('generates a report, follows its run and downloads the file', async () => {
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Weekly executive');
    await page.getByLabel('Template', { exact: true }).selectOption('executive_summary');
    await page.getByLabel('Format', { exact: true }).selectOption(REPORT_FORMAT);
    await page.getByLabel('Days', { exact: true }).selectOption('last_7_days');
    await page.getByRole('button', { name: 'Create report' }).click();
    await page.getByRole('heading', { name: 'Weekly executive', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Generate now' }).click();
    const downloadButton = page.getByRole('button', { name: `Download ${REPORT_FORMAT.toUpperCase()}` });
    await downloadButton.waitFor({ timeout: 60_000 });
    await screenshot('reports');

    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${REPORT_FORMAT}$`));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe(REPORT_MAGIC);
  });

  it('schedules the report for a weekly email', async () => {
    await page.getByLabel("Cron (tenant's time zone)", { exact: true }).fill('0 8 * * 1');
    await page.getByLabel('Email recipients', { exact: true }).fill('ops@example.com, ceo@example.com');
    await page.getByRole('button', { name: 'Add schedule' }).click();
    await page.getByRole('status').filter({ hasText: 'Schedule saved.' }).waitFor();
    await page.locator('.schedule li', { hasText: '0 8 * * 1' }).waitFor();
    const reports = await api<{ id: string; name: string }[]>('/v1/reports');
    const report = reports.find((entry) => entry.name === 'Weekly executive');
    const schedules = await api<{ cron: string; recipients: string[]; nextRunAt: string }[]>(`/v1/reports/${report?.id}/schedules`);
    expect(schedules).toEqual([expect.objectContaining({ cron: '0 8 * * 1', recipients: ['ops@example.com', 'ceo@example.com'] })]);
    // The next run is a Monday at 08:00 in the tenant's zone (Europe/Berlin: 07:00 or 06:00 UTC).
    const next = new Date(schedules[0].nextRunAt);
    expect(next.getUTCDay()).toBe(1);
    expect([6, 7]).toContain(next.getUTCHours());
  });

  it('logged no console error on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});

/** PDF: drawn in-process by the reporting service (pdfkit), charts included. */
const REPORT_FORMAT = 'pdf';
const REPORT_MAGIC = '%PDF-';

/** "€1,234.50" → 1234.5; "1,234" → 1234. */
function numberIn(text: string): number {
  return round2(Number(text.replace(/[^0-9.\-\u2212]/g, '').replace('\u2212', '-')));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
