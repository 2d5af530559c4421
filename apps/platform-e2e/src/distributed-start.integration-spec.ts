import { cleanEnv, freePort, ProcessUnderTest } from './support/process-under-test';

const APPS = ['ingestion', 'stream-processor', 'insights', 'reporting', 'dashboards'];

/** Production mode: each app alone against the real Kafka, PostgreSQL and Redis that CI starts. */
describe('distributed start', () => {
  let app: ProcessUnderTest | undefined;
  afterEach(async () => app?.kill());

  it.each(APPS)('%s runs alone on real Kafka, PostgreSQL and Redis, is ready, and drains on SIGTERM', async (name) => {
    const port = await freePort();
    app = new ProcessUnderTest(
      name,
      cleanEnv({
        PORT: String(port),
        HOST: '127.0.0.1',
        KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
        DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
        REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      }),
    );
    await app.waitForOutput(new RegExp(`${name} listening on`), 60_000);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    const body = await ready.json();
    expect({ status: ready.status, body }).toMatchObject({ status: 200, body: { status: 'ready' } });

    app.signal('SIGTERM');
    const exit = await app.waitForExit(30_000);
    expect(exit.code).toBe(0);
  });
});
