import { decodeEnvelope, TOPICS } from '@pulse/contracts';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { cleanEnv, freePort, ProcessUnderTest, workspaceRoot } from './support/process-under-test';

const KAFKA_SCRIPT = join(workspaceRoot, 'tools', 'kafka', 'kafka.sh');
const KAFKA_BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const ADMIN_TOKEN = 'broker-down-admin-token-0123456789';
const CLIENTS = 4;

const run = promisify(execFile);

/** tools/kafka/kafka.sh: `stop` keeps the data; `start` with KAFKA_KEEP_DATA=1 starts on it again. */
async function kafka(command: 'start' | 'stop' | 'status'): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('bash', [KAFKA_SCRIPT, command], {
      cwd: workspaceRoot,
      env: { ...process.env, KAFKA_KEEP_DATA: '1' },
      timeout: 120_000,
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}${failed.message}` };
  }
}

/** Resolves once `condition` holds; fails after `timeoutMs` with `describe()`. */
async function until(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Answer {
  eventId: string;
  status: number | string;
}

/** Sends single events until told to stop, recording each answer (or transport error) per event id. */
class EventSender {
  readonly answers: Answer[] = [];
  private stopped = false;
  private sent = 0;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly writeKey: string,
  ) {}

  start(clients: number): void {
    for (let client = 0; client < clients; client += 1) this.loops.push(this.loop(client));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  count(status: number): number {
    return this.answers.filter((answer) => answer.status === status).length;
  }

  private async loop(client: number): Promise<void> {
    while (!this.stopped) {
      const eventId = `broker-down-${client}-${(this.sent += 1)}`;
      const event = {
        eventId,
        type: 'search',
        timestamp: new Date().toISOString(),
        userId: `user-${client}`,
        properties: { query: 'umbrella' },
      };
      try {
        const response = await fetch(`${this.url}/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.writeKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        this.answers.push({ eventId, status: response.status });
        if (response.status === 503) {
          // A client that honours Retry-After would wait seconds; a short pause keeps the test brisk.
          expectRetryAfter(response.headers.get('retry-after'));
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } catch (error) {
        this.answers.push({ eventId, status: `transport error: ${(error as Error).message}` });
      }
    }
  }
}

function expectRetryAfter(value: string | null): void {
  if (value === null || !/^\d+$/.test(value)) throw new Error(`a 503 without a Retry-After in seconds (got ${value})`);
}

/** Every event id of `tenantId` on the raw topic from `from` (per-partition offsets) to its current end. */
async function eventIdsOnRawTopic(tenantId: string, from: Map<number, string>): Promise<Set<string>> {
  const client = new Kafka({ clientId: 'broker-down-e2e-reader', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const admin = client.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(TOPICS.rawEvents)).map((partition) => [partition.partition, partition.high]));
  await admin.disconnect();
  const remaining = new Set([...ends].filter(([partition, high]) => Number(high) > Number(from.get(partition) ?? '0')).map(([partition]) => partition));
  const found = new Set<string>();
  const consumer = client.consumer({ groupId: `broker-down-e2e-${randomBytes(6).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.rawEvents, fromBeginning: true });
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  if (remaining.size === 0) done();
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const decoded = message.value ? decodeEnvelope(message.value) : undefined;
      if (decoded?.ok && decoded.envelope.tenantId === tenantId) found.add(decoded.envelope.event.eventId);
      if (Number(message.offset) + 1 >= Number(ends.get(partition) ?? '0')) {
        remaining.delete(partition);
        if (remaining.size === 0) done();
      }
    },
  });
  // Start where the test began, not at the topic's (possibly long) history.
  for (const [partition, offset] of from) consumer.seek({ topic: TOPICS.rawEvents, partition, offset });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      finished,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`reading ${TOPICS.rawEvents} did not reach its end within 60 s`)), 60_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return found;
}

/** The built ingestion app on real Kafka: Kafka stops (keeping its data) and starts again while clients send. */
describe('ingestion while the broker goes down and comes back', () => {
  let app: ProcessUnderTest | undefined;

  afterAll(async () => {
    await app?.kill();
    // Whatever happened, leave Kafka running for the other suites.
    if (!(await kafka('status')).ok) {
      const started = await kafka('start');
      if (!started.ok) throw new Error(`could not restart Kafka after the test:\n${started.output}`);
    }
  });

  it('answers every request 202 or 503, and every 202 event is on the raw topic afterwards', async () => {
    const status = await kafka('status');
    if (!status.ok) throw new Error(`Kafka must be running at ${KAFKA_BROKERS} (bash tools/kafka/kafka.sh start):\n${status.output}`);

    const port = await freePort();
    app = new ProcessUnderTest(
      'ingestion',
      cleanEnv({
        PORT: String(port),
        HOST: '127.0.0.1',
        KAFKA_BROKERS,
        DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
        REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
        ADMIN_TOKEN,
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    await app.waitForOutput(/ingestion listening on/, 60_000);
    const created = await fetch(`${url}/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: `broker-down-${randomBytes(4).toString('hex')}`, name: 'Broker down', timeZone: 'UTC', currency: 'USD' }),
    });
    expect(created.status).toBe(201);
    const { tenant, writeKey } = (await created.json()) as { tenant: { id: string }; writeKey: string };

    const admin = new Kafka({ clientId: 'broker-down-e2e-admin', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPICS.rawEvents }], waitForLeaders: true });
    const startOffsets = new Map((await admin.fetchTopicOffsets(TOPICS.rawEvents)).map((partition) => [partition.partition, partition.high]));
    await admin.disconnect();

    const sender = new EventSender(url, writeKey);
    sender.start(CLIENTS);
    try {
      await until(() => sender.count(202) >= 20, 30_000, () => `20 answers 202 before the outage; got ${JSON.stringify(sender.answers.slice(-5))}`);

      const stopped = await kafka('stop');
      expect(stopped).toMatchObject({ ok: true });
      const answeredBeforeOutage = sender.answers.length;
      await until(
        () => sender.answers.slice(answeredBeforeOutage).filter((answer) => answer.status === 503).length >= CLIENTS,
        60_000,
        () => `503 answers while Kafka is down; got ${JSON.stringify(sender.answers.slice(answeredBeforeOutage))}`,
      );

      const restarted = await kafka('start');
      expect(restarted).toMatchObject({ ok: true, output: expect.stringContaining('keeping the existing data') });
      const answeredBeforeRecovery = sender.answers.length;
      await until(
        () => sender.answers.slice(answeredBeforeRecovery).filter((answer) => answer.status === 202).length >= 20,
        90_000,
        () => `20 answers 202 after Kafka came back; got ${JSON.stringify(sender.answers.slice(-5))}`,
      );
    } finally {
      await sender.stop();
    }

    const statuses = new Set(sender.answers.map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([202, 503]);
    const accepted = sender.answers.filter((answer) => answer.status === 202).map((answer) => answer.eventId);
    const onTopic = await eventIdsOnRawTopic(tenant.id, startOffsets);
    expect(accepted.filter((eventId) => !onTopic.has(eventId))).toEqual([]);
  }, 300_000);
});
