import { ServiceMetrics } from '@pulse/observability';
import { ProcessorMetrics } from './processor-metrics';

describe('ProcessorMetrics', () => {
  it('reads the consumer lag per partition from the bus at each scrape', async () => {
    const service = new ServiceMetrics('stream-processor');
    const metrics = new ProcessorMetrics(service);
    let lag = 7;
    metrics.readLagFrom(async () => [
      { topic: 'pulse.events.raw.v1', partition: 0, lag },
      { topic: 'pulse.events.raw.v1', partition: 1, lag: 0 },
    ]);

    expect(await service.registry.metrics()).toContain(
      'pulse_processor_consumer_lag{topic="pulse.events.raw.v1",partition="0",service="stream-processor"} 7',
    );
    lag = 3;
    const text = await service.registry.metrics();
    expect(text).toContain('pulse_processor_consumer_lag{topic="pulse.events.raw.v1",partition="0",service="stream-processor"} 3');
    expect(text).toContain('pulse_processor_consumer_lag{topic="pulse.events.raw.v1",partition="1",service="stream-processor"} 0');
  });

  it('shows no lag series while the bus does not answer or nothing is consumed', async () => {
    const service = new ServiceMetrics('stream-processor');
    const metrics = new ProcessorMetrics(service);
    metrics.readLagFrom(async () => [{ topic: 't', partition: 0, lag: 1 }]);
    await service.registry.metrics();

    metrics.readLagFrom(async () => {
      throw new Error('broker unreachable');
    });
    expect(await service.registry.metrics()).not.toMatch(/^pulse_processor_consumer_lag\{/m);
    metrics.readLagFrom(undefined);
    expect(await service.registry.metrics()).not.toMatch(/^pulse_processor_consumer_lag\{/m);
  });
});
