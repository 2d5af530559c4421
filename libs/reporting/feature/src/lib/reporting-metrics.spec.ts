import { ServiceMetrics } from '@pulse/observability';
import { ReportingMetrics } from './reporting-metrics';

describe('ReportingMetrics', () => {
  async function series(metrics: ServiceMetrics, name: string): Promise<string[]> {
    const values = (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
    return values.filter((value) => value.value > 0).map((value) => `${JSON.stringify(value.labels)} ${value.value}`);
  }

  it('starts every run outcome and delivery outcome at zero, so rates exist before the first failure', async () => {
    const service = new ServiceMetrics('reporting');
    new ReportingMetrics(service);

    const text = await service.registry.metrics();

    expect(text).toContain('pulse_report_runs_total{outcome="failed",format="pdf",service="reporting"} 0');
    expect(text).toContain('pulse_report_delivery_attempts_total{channel="webhook",outcome="failed",service="reporting"} 0');
  });

  it('counts finished runs by outcome and format, an unknown format as other', async () => {
    const service = new ServiceMetrics('reporting');
    const metrics = new ReportingMetrics(service);

    metrics.runFinished('csv', 'completed', 0.2);
    metrics.runFinished('csv', 'completed', 0.3);
    metrics.runFinished('odt', 'failed', 0.1);
    metrics.deliveryAttempted('email', 'retry');

    expect(await series(service, 'pulse_report_runs_total')).toEqual([
      '{"outcome":"completed","format":"csv"} 2',
      '{"outcome":"failed","format":"other"} 1',
    ]);
    expect(await series(service, 'pulse_report_delivery_attempts_total')).toEqual(['{"channel":"email","outcome":"retry"} 1']);
  });
});
