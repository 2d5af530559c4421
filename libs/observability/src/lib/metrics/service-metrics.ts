import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * One service's Prometheus registry. Never prom-client's global one: the embedded mode runs five services in
 * one process, and each must report its own series under its own `service` label. Feature modules inject this
 * to register their metrics: `new Counter({ name, help, registers: [metrics.registry] })`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;

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
  }
}
