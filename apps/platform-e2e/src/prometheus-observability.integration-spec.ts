import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, freePort, ProcessUnderTest, workspaceRoot } from './support/process-under-test';

// A real Prometheus (Debian's `prometheus` package; `.ci/run` installs it) scraping the embedded start every second,
// with Pulse's alerting rules loaded: every PromQL expression of tools/observability must parse and find series.
const RULES_FILE = join(workspaceRoot, 'tools', 'observability', 'prometheus-rules.yaml');
const DASHBOARD_FILE = join(workspaceRoot, 'tools', 'observability', 'grafana-dashboard.json');
const PROMETHEUS = process.env['PROMETHEUS_PATH'] ?? 'prometheus';
const PROMTOOL = process.env['PROMTOOL_PATH'] ?? 'promtool';
const EVENTS_SENT = 25;
// Zero rather than no series while nothing was accepted yet (the demo data is seeded straight into the store).
const ACCEPTED = 'sum(ingestion_events_accepted_total) or vector(0)';

interface QueryAnswer {
  status: string;
  error?: string;
  data?: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

describe('Prometheus over the running services (tools/observability)', () => {
  let pulse: ProcessUnderTest | undefined;
  let prometheus: ChildProcess | undefined;
  let prometheusExited: Promise<void> | undefined;
  let directory: string | undefined;

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null && prometheus.signalCode === null) {
      prometheus.kill('SIGTERM');
      await prometheusExited;
    }
    await pulse?.kill();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('promtool accepts the alerting rules', () => {
    // execFileSync throws with promtool's output when it exits non-zero.
    const output = execFileSync(PROMTOOL, ['check', 'rules', RULES_FILE], { encoding: 'utf8' });
    expect(output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('evaluates every rule and dashboard expression with series, and counts exactly the events sent', async () => {
    pulse = new ProcessUnderTest('standalone', cleanEnv({ PULSE_BASE_PORT: '0' }));
    // Seeding the demo week takes a while on a busy machine.
    await pulse.waitForOutput(/Press Ctrl-C to stop/, 240_000);
    const urls = new Map<string, string>();
    for (const match of pulse.stdout.matchAll(/^\s+([a-z-]+)\s+(http:\/\/\S+)\s+API docs/gm)) urls.set(match[1], match[2]);
    const writeKey = pulse.stdout.match(/write key (pwk_\S+)/)?.[1];
    const secretKey = pulse.stdout.match(/secret key \(queries\): (psk_\S+)/)?.[1];
    expect(urls.size).toBe(5);
    expect(writeKey && secretKey).toBeTruthy();
    const ingestion = urls.get('ingestion') as string;
    const insights = urls.get('insights') as string;

    directory = mkdtempSync(join(tmpdir(), 'pulse-prometheus-'));
    const port = await freePort();
    const prometheusUrl = `http://127.0.0.1:${port}`;
    const targets = [...urls.values()].map((url) => new URL(url).host);
    writeFileSync(
      join(directory, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 1s',
        '  evaluation_interval: 1s',
        `rule_files: [${JSON.stringify(RULES_FILE)}]`,
        'scrape_configs:',
        '  - job_name: pulse',
        `    static_configs: [{ targets: ${JSON.stringify(targets)} }]`,
        '',
      ].join('\n'),
    );
    let prometheusOutput = '';
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(directory, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(directory, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout?.on('data', (chunk: Buffer) => (prometheusOutput += chunk.toString()));
    prometheus.stderr?.on('data', (chunk: Buffer) => (prometheusOutput += chunk.toString()));
    const child = prometheus;
    prometheusExited = new Promise((resolve) => child.on('exit', () => resolve()));

    const query = async (expr: string, time?: number): Promise<QueryAnswer> => {
      const parameters = new URLSearchParams({ query: expr, ...(time === undefined ? {} : { time: String(time) }) });
      const response = await fetch(`${prometheusUrl}/api/v1/query?${parameters}`);
      return (await response.json()) as QueryAnswer;
    };
    const scalar = async (expr: string, time?: number): Promise<number | undefined> => {
      const answer = await query(expr, time);
      const value = answer.data?.result[0]?.value[1];
      return value === undefined ? undefined : Number(value);
    };
    const eventually = async <T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = await attempt().catch(() => undefined);
        if (result !== undefined) return result;
        if (Date.now() > deadline) throw new Error(`${what} did not happen. Prometheus output:\n${prometheusOutput}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };

    await eventually('Prometheus ready', async () => ((await fetch(`${prometheusUrl}/-/ready`)).ok ? true : undefined));
    await eventually('every service scraped', async () => {
      const answer = (await (await fetch(`${prometheusUrl}/api/v1/targets`)).json()) as { data: { activeTargets: Array<{ health: string }> } };
      const { activeTargets } = answer.data;
      return activeTargets.length === targets.length && activeTargets.every((target) => target.health === 'up') ? true : undefined;
    });

    // The counter as Prometheus last scraped it equals the service's own: nothing of ours is in flight.
    const acceptedNow = async () => sumOf(await (await fetch(`${ingestion}/metrics`)).text(), 'ingestion_events_accepted_total');
    const before = await acceptedNow();
    const beforeAt = await eventually('the counter scraped', async () => {
      const at = Date.now() / 1000;
      return (await scalar(ACCEPTED, at)) === before ? at : undefined;
    });

    // Traffic each expression needs: valid events, a rejected one (→ quarantine), a malformed body, an insights query.
    const now = Date.now();
    const events = Array.from({ length: EVENTS_SENT }, (_, index) => ({
      eventId: `prometheus-${now}-${index}`,
      type: 'page_view',
      timestamp: new Date(now).toISOString(),
      userId: `prometheus-user-${index % 5}`,
      properties: { path: `/page-${index % 3}` },
    }));
    const sendAuth = { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' };
    const batch = await fetch(`${ingestion}/v1/events/batch`, {
      method: 'POST',
      headers: { ...sendAuth, 'x-request-id': 'prometheus-e2e-batch' },
      body: JSON.stringify({ events }),
    });
    expect(batch.status).toBe(202);
    expect(batch.headers.get('x-request-id')).toBe('prometheus-e2e-batch');
    const rejected = await fetch(`${ingestion}/v1/events`, { method: 'POST', headers: sendAuth, body: JSON.stringify({ type: 'page_view' }) });
    expect(rejected.status).toBe(400);
    const malformed = await fetch(`${ingestion}/v1/events`, { method: 'POST', headers: sendAuth, body: '{"type":' });
    expect(malformed.status).toBe(400);
    const day = 86_400_000;
    const queried = await fetch(`${insights}/v1/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        metric: { type: 'event_count' },
        from: new Date(Math.floor(now / day) * day - day).toISOString(),
        to: new Date(Math.floor(now / day) * day + day).toISOString(),
        granularity: 'day',
      }),
    });
    expect(queried.status).toBe(200);

    expect(await acceptedNow()).toBe(before + EVENTS_SENT);
    const afterAt = await eventually('the sent events scraped', async () => {
      const at = Date.now() / 1000;
      return ((await scalar(ACCEPTED, at)) ?? 0) >= before + EVENTS_SENT ? at : undefined;
    });
    // The counter's increase between the two evaluation instants, as Prometheus stored it: exactly the events sent.
    const increase =
      ((await scalar(ACCEPTED, afterAt)) ?? NaN) -
      ((await scalar(ACCEPTED, beforeAt)) ?? NaN);
    expect(increase).toBe(EVENTS_SENT);
    expect(await scalar('sum(ingestion_events_accepted_total{source="http", type="page_view"})', afterAt)).toBeGreaterThanOrEqual(EVENTS_SENT);

    // Every expression: it parses, and (once the traffic reached every service) it finds series.
    const rulesText = readFileSync(RULES_FILE, 'utf8');
    const signals = ruleSignals(rulesText);
    expect(signals).toHaveLength(rulesText.match(/^\s*- alert: /gm)?.length ?? -1);
    const expressions = [...signals, ...dashboardExpressions(JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')))];
    expect(expressions.length).toBeGreaterThan(signals.length + 20);
    const failures: string[] = [];
    const deadline = Date.now() + 60_000;
    for (const { source, expr } of expressions) {
      for (;;) {
        const answer = await query(expr);
        if (answer.status !== 'success') {
          failures.push(`${source}: ${answer.error} — ${expr}`);
          break;
        }
        if ((answer.data?.result.length ?? 0) > 0) break;
        if (Date.now() > deadline) {
          failures.push(`${source}: no series — ${expr}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    expect(failures).toEqual([]);

    // Prometheus evaluates the loaded rules itself without error.
    const rules = await eventually('every rule evaluated', async () => {
      const answer = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as {
        data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> };
      };
      const all = answer.data.groups.flatMap((group) => group.rules);
      return all.length > 0 && all.every((rule) => rule.health !== 'unknown') ? all : undefined;
    });
    expect(rules.filter((rule) => rule.health !== 'ok').map((rule) => `${rule.name}: ${rule.lastError}`)).toEqual([]);

    prometheus.kill('SIGTERM');
    await prometheusExited;
    pulse.signal('SIGINT');
    expect((await pulse.waitForExit(30_000)).code).toBe(0);
  }, 480_000);
});

/** The sum of a metric's series in Prometheus text (0 when absent). */
function sumOf(exposition: string, name: string): number {
  return exposition
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * Each alerting rule's expression as written (it must parse and evaluate) and as a `bool` comparison (it must find
 * series: an alert over a misspelt metric would otherwise never fire). The rules file keeps every expr in the shape
 * `<signal> <comparison> <threshold>`.
 */
function ruleSignals(yaml: string): Array<{ source: string; expr: string }> {
  const found: Array<{ source: string; expr: string }> = [];
  const lines = yaml.split('\n');
  let alert = '';
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const name = line.match(/^\s*- alert: (\S+)/);
    if (name) alert = name[1];
    const start = line.match(/^(\s*)expr: (.*)$/);
    if (!start) continue;
    let expr = start[2].trim();
    if (expr === '>-' || expr === '|') {
      // A folded block: the following lines indented deeper than `expr:`.
      const parts: string[] = [];
      while (index + 1 < lines.length && (lines[index + 1].trim() === '' || indentOf(lines[index + 1]) > start[1].length)) {
        parts.push(lines[++index].trim());
      }
      expr = parts.filter(Boolean).join(' ');
    }
    const comparison = expr.match(/^([\s\S]*\S)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/);
    if (!comparison) throw new Error(`rule ${alert}: expr is not "<signal> <comparison> <threshold>": ${expr}`);
    found.push({ source: `rule ${alert}`, expr: `(${comparison[1]}) ${comparison[2]} bool ${comparison[3]}` });
  }
  return found;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

interface DashboardPanel {
  title?: string;
  targets?: Array<{ expr?: string }>;
  panels?: DashboardPanel[];
}

/** Every target of every panel, with Grafana's `$__rate_interval` as the minute it stands for at a 15 s scrape. */
function dashboardExpressions(dashboard: { panels: DashboardPanel[] }): Array<{ source: string; expr: string }> {
  const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
  return panels.flatMap((panel) =>
    (panel.targets ?? [])
      .filter((target) => target.expr)
      .map((target) => ({ source: `panel "${panel.title}"`, expr: (target.expr as string).split('$__rate_interval').join('1m') })),
  );
}
