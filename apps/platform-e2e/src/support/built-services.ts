import { cleanEnv, freePort, ProcessUnderTest } from './process-under-test';
import { KAFKA_BROKERS, REDIS_URL } from './test-stack';

export type BuiltApp = 'ingestion' | 'stream-processor' | 'insights' | 'dashboards';

/** Built Pulse apps (dist/apps/*) on real Kafka, PostgreSQL and Redis, stopped together. */
export class BuiltServices {
  private readonly processes: ProcessUnderTest[] = [];
  private readonly byApp = new Map<BuiltApp, ProcessUnderTest>();

  constructor(private readonly databaseUrl: string) {}

  /** Starts one app on a free port and resolves with its URL once it listens. */
  async start(app: BuiltApp, extra: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const started = new ProcessUnderTest(
      app,
      cleanEnv({ PORT: String(port), HOST: '127.0.0.1', KAFKA_BROKERS, DATABASE_URL: this.databaseUrl, REDIS_URL, ...extra }),
    );
    this.processes.push(started);
    this.byApp.set(app, started);
    await started.waitForOutput(new RegExp(`${app} listening on`), 90_000).catch((error: Error) => {
      throw new Error(`the built ${app} did not start (build it; Kafka, PostgreSQL and Redis must be up): ${error.message}`);
    });
    return `http://127.0.0.1:${port}`;
  }

  /** The process last started for `app` (its output, whether it exited). */
  process(app: BuiltApp): ProcessUnderTest {
    const started = this.byApp.get(app);
    if (!started) throw new Error(`${app} was not started`);
    return started;
  }

  /**
   * SIGTERM first, so the processor leaves its consumer group (a SIGKILLed member blocks the next run's
   * offset reset until its session times out); SIGKILL whatever does not exit in time.
   */
  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map(async (started) => {
        started.signal('SIGTERM');
        await started.waitForExit(20_000).catch(() => started.kill());
      }),
    );
  }
}
