import type { HealthIndicator } from './health-indicator';
import { checkReadiness } from './readiness';

const indicator = (name: string, check: () => Promise<void>): HealthIndicator => ({ name, check });

describe('checkReadiness', () => {
  it('is ready with no indicators', async () => {
    expect(await checkReadiness([], 100)).toEqual({ status: 'ready', checks: {} });
  });

  it('runs the indicators concurrently, so the slowest bounds the total time', async () => {
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 60));
    const started = Date.now();

    const report = await checkReadiness([indicator('a', slow), indicator('b', slow), indicator('c', slow)], 1000);

    expect(report.status).toBe('ready');
    expect(Date.now() - started).toBeLessThan(170);
  });

  it('reports an indicator that throws synchronously as down', async () => {
    const throwsAtOnce: HealthIndicator = {
      name: 'store',
      check: () => {
        throw new Error('pool not created');
      },
    };

    expect(await checkReadiness([throwsAtOnce], 100)).toEqual({ status: 'not_ready', checks: { store: 'down: pool not created' } });
  });

  it('reports a degradable indicator that fails as degraded, and stays ready', async () => {
    const report = await checkReadiness(
      [
        indicator('bus', async () => undefined),
        { ...indicator('sharedRateLimit', () => Promise.reject(new Error('Redis is unreachable'))), degradable: true },
      ],
      100,
    );

    expect(report).toEqual({ status: 'ready', checks: { bus: 'up', sharedRateLimit: 'degraded: Redis is unreachable' } });
  });

  it('is not ready when a required indicator is down, whatever else is only degraded', async () => {
    const report = await checkReadiness(
      [
        indicator('bus', () => Promise.reject(new Error('broker gone'))),
        { ...indicator('sharedRateLimit', () => Promise.reject(new Error('no Redis'))), degradable: true },
      ],
      100,
    );

    expect(report).toEqual({ status: 'not_ready', checks: { bus: 'down: broker gone', sharedRateLimit: 'degraded: no Redis' } });
  });

  it('reports a rejection without a message readably', async () => {
    const report = await checkReadiness([indicator('bus', () => Promise.reject(new Error('')))], 100);

    expect(report.checks).toEqual({ bus: 'down: unknown error' });
  });

  it('keeps indicators that share a name apart', async () => {
    const report = await checkReadiness(
      [indicator('store', async () => undefined), indicator('store', () => Promise.reject(new Error('replica lagging')))],
      100,
    );

    expect(report).toEqual({ status: 'not_ready', checks: { store: 'up', 'store (2)': 'down: replica lagging' } });
  });
});
