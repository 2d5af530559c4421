import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One service's Prometheus registry. Never prom-client's global one: the embedded mode runs five services in
 * one process, and each must report its own series under its own `service` label. Feature modules inject this
 * to register their metrics: `new Counter({ name, help, registers: [metrics.registry] })`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  /** 1 when every dependency answered at the last scrape (what `/ready` would answer), else 0. */
  readonly ready: Gauge;
  readonly dependencyUp: Gauge<'dependency'>;

  constructor(readonly serviceName: string) {
    this.registry.setDefaultLabels({ service: serviceName });
    // Default process metrics register once per registry, so several services' registries coexist.
    collectDefaultMetrics({ register: this.registry });
    this.httpRequestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.ready = new Gauge({
      name: 'pulse_ready',
      help: 'Whether the service is ready (every dependency of /ready answers), checked at each scrape: 1 or 0',
      registers: [this.registry],
    });
    this.dependencyUp = new Gauge({
      name: 'pulse_dependency_up',
      help: 'Whether a dependency /ready checks answered in time at the last scrape: 1 or 0',
      labelNames: ['dependency'],
      registers: [this.registry],
    });
  }
}
