import { Controller, Get, type INestApplication, Logger, Module, NotFoundException, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { register as globalRegistry } from 'prom-client';
import type { HealthIndicator } from './health/health-indicator';
import { ServiceReadiness } from './health/service-readiness';
import { JsonLogger } from './logging/json-logger';
import { ServiceMetrics } from './metrics/service-metrics';
import { ObservabilityModule } from './observability.module';
import { setupOpenApi } from './openapi/setup-open-api';

@Controller('widgets')
class WidgetsController {
  @Get(':id')
  find(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new NotFoundException();
    new Logger('Widgets').log(`widget ${id} read`);
    return { id };
  }
}

@Module({ controllers: [WidgetsController] })
class WidgetsModule {}

const healthy = (name: string): HealthIndicator => ({ name, check: async () => undefined });
const failing = (name: string, message: string): HealthIndicator => ({
  name,
  check: async () => {
    throw new Error(message);
  },
});
const hanging = (name: string): HealthIndicator => ({ name, check: () => new Promise<void>(() => undefined) });

interface RunningApp {
  app: INestApplication;
  url: string;
}

async function startApp(
  serviceName: string,
  indicators: HealthIndicator[],
  readinessTimeoutMs?: number,
  logger: JsonLogger | false = false,
): Promise<RunningApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [ObservabilityModule.forService({ serviceName, indicators, readinessTimeoutMs }), WidgetsModule],
  }).compile();
  const app = moduleRef.createNestApplication({ logger });
  setupOpenApi(app, { title: `Pulse ${serviceName}`, description: `The ${serviceName} service` });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  return { app, url: `http://127.0.0.1:${address.port}` };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe('ObservabilityModule', () => {
  const running: RunningApp[] = [];
  async function start(...args: Parameters<typeof startApp>): Promise<string> {
    const app = await startApp(...args);
    running.push(app);
    return app.url;
  }

  afterEach(async () => {
    while (running.length > 0) await running.pop()?.app.close();
  });

  describe('GET /health', () => {
    it('answers 200 with the service name and uptime, whatever the dependencies say', async () => {
      const url = await start('ingestion', [failing('store', 'connection refused')]);

      const { status, body } = await getJson(`${url}/health`);

      expect(status).toBe(200);
      expect(body).toEqual({ status: 'ok', service: 'ingestion', uptimeSeconds: expect.any(Number) });
      expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    });
  });

  describe('GET /ready', () => {
    it('answers 200 when every indicator is up', async () => {
      const url = await start('insights', [healthy('store'), healthy('cache')]);

      expect(await getJson(`${url}/ready`)).toEqual({
        status: 200,
        body: { status: 'ready', checks: { store: 'up', cache: 'up' } },
      });
    });

    it('answers 503 naming the failing indicator and its reason', async () => {
      const url = await start('insights', [healthy('store'), failing('cache', 'Redis is not connected (reconnecting)')]);

      expect(await getJson(`${url}/ready`)).toEqual({
        status: 503,
        body: { status: 'not_ready', checks: { store: 'up', cache: 'down: Redis is not connected (reconnecting)' } },
      });
    });

    it('stays ready (200) when a check the service can do without fails, and says it is degraded', async () => {
      const url = await start('ingestion', [healthy('bus'), { ...failing('sharedRateLimit', 'Redis is unreachable'), degradable: true }]);

      expect(await getJson(`${url}/ready`)).toEqual({
        status: 200,
        body: { status: 'ready', checks: { bus: 'up', sharedRateLimit: 'degraded: Redis is unreachable' } },
      });
    });

    it('runs the checks a feature module added through ServiceReadiness', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [ObservabilityModule.forService({ serviceName: 'ingestion', indicators: [healthy('bus')] })],
      }).compile();
      moduleRef.get(ServiceReadiness).add(failing('store', 'pool exhausted'));
      const app = moduleRef.createNestApplication({ logger: false });
      await app.listen(0, '127.0.0.1');
      running.push({ app, url: '' });

      expect(await getJson(`http://127.0.0.1:${app.getHttpServer().address().port}/ready`)).toEqual({
        status: 503,
        body: { status: 'not_ready', checks: { bus: 'up', store: 'down: pool exhausted' } },
      });
    });

    it('counts an indicator that does not answer in time as down', async () => {
      const url = await start('insights', [hanging('bus')], 50);

      expect(await getJson(`${url}/ready`)).toEqual({
        status: 503,
        body: { status: 'not_ready', checks: { bus: 'down: no answer within 50 ms' } },
      });
    });
  });

  describe('GET /metrics', () => {
    it('serves Prometheus text with process metrics labelled by service', async () => {
      const url = await start('reporting', []);

      const response = await fetch(`${url}/metrics`);
      const text = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      expect(text).toMatch(/^process_cpu_user_seconds_total\{service="reporting"\} /m);
    });

    it('records request durations by method, route pattern and status', async () => {
      const url = await start('reporting', []);
      await fetch(`${url}/widgets/42`);
      await fetch(`${url}/widgets/43`);
      await fetch(`${url}/widgets/missing`);
      await fetch(`${url}/no-such-route`);

      const text = await (await fetch(`${url}/metrics`)).text();

      expect(text).toContain('# TYPE http_request_duration_seconds histogram');
      expect(text).toContain('http_request_duration_seconds_count{service="reporting",method="GET",route="/widgets/:id",status="200"} 2');
      expect(text).toContain('http_request_duration_seconds_count{service="reporting",method="GET",route="/widgets/:id",status="404"} 1');
      expect(text).toContain('http_request_duration_seconds_count{service="reporting",method="GET",route="unmatched",status="404"} 1');
      expect(text).not.toContain('/widgets/42');
    });

    it('reports readiness at each scrape: pulse_ready and pulse_dependency_up per dependency', async () => {
      const url = await start('stream-processor', [healthy('store'), failing('bus', 'broker unreachable')]);

      const text = await (await fetch(`${url}/metrics`)).text();

      expect(text).toContain('pulse_ready{service="stream-processor"} 0');
      expect(text).toContain('pulse_dependency_up{dependency="store",service="stream-processor"} 1');
      expect(text).toContain('pulse_dependency_up{dependency="bus",service="stream-processor"} 0');
    });

    it('lets feature code register its own metrics on the service registry', async () => {
      const { app, url } = await startApp('ingestion', []);
      running.push({ app, url });
      const metrics = app.get(ServiceMetrics);

      expect(metrics.serviceName).toBe('ingestion');
      expect(metrics.registry.getSingleMetric('http_request_duration_seconds')).toBe(metrics.httpRequestDuration);
    });
  });

  describe('several services in one process', () => {
    it('keeps each service in its own registry, never the global one', async () => {
      const ingestion = await start('ingestion', [healthy('bus')]);
      const dashboards = await start('dashboards', [failing('store', 'down for maintenance')]);
      await fetch(`${ingestion}/widgets/1`);

      const ingestionMetrics = await (await fetch(`${ingestion}/metrics`)).text();
      const dashboardsMetrics = await (await fetch(`${dashboards}/metrics`)).text();

      expect(ingestionMetrics).toContain('service="ingestion",method="GET",route="/widgets/:id",status="200"');
      expect(ingestionMetrics).not.toContain('service="dashboards"');
      expect(dashboardsMetrics).toMatch(/^process_cpu_user_seconds_total\{service="dashboards"\} /m);
      expect(dashboardsMetrics).not.toContain('route="/widgets/:id"');
      expect(dashboardsMetrics).not.toContain('service="ingestion"');
      expect((await getJson(`${ingestion}/ready`)).status).toBe(200);
      expect((await getJson(`${dashboards}/ready`)).status).toBe(503);
      expect(globalRegistry.getMetricsAsArray()).toEqual([]);
    });

    it('can start the same service twice in one process (an app restarted in tests)', async () => {
      const first = await start('insights', []);
      const second = await start('insights', []);

      expect((await getJson(`${first}/health`)).status).toBe(200);
      expect((await getJson(`${second}/health`)).status).toBe(200);
    });
  });

  describe('request ids', () => {
    async function startLogging(): Promise<{ url: string; entries: () => Array<Record<string, unknown>> }> {
      const lines: string[] = [];
      const { app, url } = await startApp('insights', [], undefined, new JsonLogger({ service: 'insights', level: 'debug', write: (line) => lines.push(line) }));
      running.push({ app, url });
      return { url, entries: () => lines.map((line) => JSON.parse(line)) };
    }

    it("answers the caller's X-Request-Id and writes it into every log line of that request", async () => {
      const { url, entries } = await startLogging();

      const response = await fetch(`${url}/widgets/7`, { headers: { 'X-Request-Id': 'gateway-abc-123' } });

      expect(response.headers.get('x-request-id')).toBe('gateway-abc-123');
      const lines = entries().filter((entry) => entry['requestId'] === 'gateway-abc-123');
      expect(lines.map((entry) => entry['message'])).toEqual(['widget 7 read', 'request finished']);
      expect(lines[1]).toMatchObject({ level: 'debug', method: 'GET', route: '/widgets/:id', status: '200' });
    });

    it('makes up an id when the request has none or an unusable one', async () => {
      const { url, entries } = await startLogging();

      const plain = await fetch(`${url}/widgets/1`);
      const unusable = await fetch(`${url}/widgets/2`, { headers: { 'X-Request-Id': 'has spaces and "quotes"' } });

      const ids = [plain.headers.get('x-request-id'), unusable.headers.get('x-request-id')];
      for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(ids[0]).not.toBe(ids[1]);
      expect(entries().find((entry) => entry['message'] === 'widget 2 read')?.['requestId']).toBe(ids[1]);
    });
  });

  describe('GET /docs-json', () => {
    it('is an OpenAPI document listing the application routes and the operational ones', async () => {
      const url = await start('ingestion', []);

      const { status, body } = await getJson(`${url}/docs-json`);

      expect(status).toBe(200);
      expect(body.openapi).toMatch(/^3\./);
      expect(body.info).toEqual(expect.objectContaining({ title: 'Pulse ingestion', description: 'The ingestion service', version: '1.0.0' }));
      expect(Object.keys(body.paths).sort()).toEqual(['/health', '/metrics', '/ready', '/widgets/{id}']);
      expect(body.paths['/ready'].get.responses).toHaveProperty('503');
    });

    it('serves the interactive documentation at /docs', async () => {
      const url = await start('ingestion', []);

      const response = await fetch(`${url}/docs`);

      expect(response.status).toBe(200);
      expect(await response.text()).toContain('swagger-ui');
    });
  });
});
