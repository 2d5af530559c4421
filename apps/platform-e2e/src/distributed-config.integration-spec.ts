import { cleanEnv, ProcessUnderTest } from './support/process-under-test';

const APPS = ['ingestion', 'stream-processor', 'insights', 'reporting', 'dashboards'];
const VALID = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

describe('distributed start: configuration is validated before anything connects', () => {
  let app: ProcessUnderTest | undefined;
  afterEach(async () => app?.kill());

  it.each(APPS)('%s refuses to start without KAFKA_BROKERS and says so', async (name) => {
    const { KAFKA_BROKERS: _omitted, ...withoutBrokers } = VALID;
    app = new ProcessUnderTest(name, cleanEnv(withoutBrokers));
    const exit = await app.waitForExit(30_000);
    expect(exit.code).toBe(1);
    expect(app.stderr).toContain('KAFKA_BROKERS');
  });

  it('names a malformed DATABASE_URL and does not echo its password', async () => {
    app = new ProcessUnderTest('insights', cleanEnv({ ...VALID, DATABASE_URL: 'mysql://admin:s3cret-pw@db/x' }));
    const exit = await app.waitForExit(30_000);
    expect(exit.code).toBe(1);
    expect(app.stderr).toContain('DATABASE_URL');
    expect(app.output).not.toContain('s3cret-pw');
  });

  it('names every bad variable at once', async () => {
    app = new ProcessUnderTest('ingestion', cleanEnv({ ...VALID, PORT: 'eighty', REDIS_URL: 'localhost:6379' }));
    const exit = await app.waitForExit(30_000);
    expect(exit.code).toBe(1);
    expect(app.stderr).toContain('PORT');
    expect(app.stderr).toContain('REDIS_URL');
  });
});
