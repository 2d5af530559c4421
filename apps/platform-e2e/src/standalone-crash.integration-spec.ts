import { PGlite } from '@electric-sql/pglite';
import { randomBytes, randomInt } from 'node:crypto';
import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, ProcessUnderTest } from './support/process-under-test';

const ADMIN_TOKEN = 'standalone-crash-admin-token-0123456789';
const BATCHES = 12;
const EVENTS_PER_BATCH = 1_000;
const TOTAL = BATCHES * EVENTS_PER_BATCH;
/** Two clients sending batches back to back: the bus holds accepted events the processor has not stored yet. */
const CLIENTS = 2;

interface Batch {
  index: number;
  events: Array<Record<string, unknown>>;
  /** HTTP status, or the transport error a request cut off by the kill gets. */
  answer?: number | string;
}

/**
 * The embedded start's promise, as a new user would test it: `PULSE_DATA_DIR=… npm start`, batches of
 * events answered 202, the process SIGKILLed at a random moment (ingestion, bus and processor all die
 * at once: no drain, no commit), started again on the same directory. Every event answered 202 must be
 * stored exactly once, and the rollups must count each once. The mirror of the Kafka stack's
 * stream-processor-crash test, for the in-process bus with its log on disk.
 */
describe('embedded start with a data directory', () => {
  let dataDir: string;
  let pulse: ProcessUnderTest | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pulse-standalone-crash-'));
  });

  afterEach(async () => {
    await pulse?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function startPulse(demo = false): Promise<{ ingestion: string; insights: string }> {
    pulse = new ProcessUnderTest(
      'standalone',
      cleanEnv({ PULSE_DATA_DIR: dataDir, PULSE_BASE_PORT: '0', PULSE_DEMO: String(demo), PULSE_ADMIN_TOKEN: ADMIN_TOKEN }),
    );
    await pulse.waitForOutput(/Press Ctrl-C to stop/, 90_000);
    expect(pulse.stdout).toContain(`Bus log on disk at ${join(dataDir, 'bus')}`);
    const url = (service: string) => {
      const match = pulse?.stdout.match(new RegExp(`^\\s+${service}\\s+(http://\\S+)`, 'm'));
      if (!match) throw new Error(`no ${service} URL in the banner:\n${pulse?.stdout}`);
      return match[1];
    };
    return { ingestion: url('ingestion'), insights: url('insights') };
  }

  it('keeps the demo tenant across a restart: its events all stored, a new secret key that reads them', async () => {
    await startPulse(true);
    const seeded = Number(pulse?.stdout.match(/Demo tenant 'demo' with (\d+) events/)?.[1]);
    expect(seeded).toBeGreaterThan(1000);
    // Stopped at once: the processor may not have stored them all; the bus log keeps the rest.
    pulse?.signal('SIGINT');
    expect((await pulse?.waitForExit(60_000))?.code).toBe(0);

    const urls = await startPulse(true);
    expect(pulse?.stdout).toContain("Demo tenant 'demo' kept from an earlier run");
    const secretKey = pulse?.stdout.match(/new secret key \(queries\): (psk_\S+)/)?.[1] ?? 'missing';
    const stored = () => countStored(urls.insights, secretKey, Date.now(), 9, 'Europe/Berlin');
    await waitFor(async () => (await stored()) >= seeded, 120_000, async () => `${seeded} demo events (have ${await stored()})`);
    expect(await stored()).toBe(seeded);
  }, 300_000);

  it('stores every event answered 202 exactly once after a SIGKILL and a restart', async () => {
    let urls = await startPulse();
    const created = await fetch(`${urls.ingestion}/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: `crash-${randomBytes(4).toString('hex')}`, name: 'Crash', timeZone: 'UTC', currency: 'EUR' }),
    });
    expect(created.status).toBe(201);
    const { tenant, writeKey, secretKey } = (await created.json()) as {
      tenant: { id: string };
      writeKey: string;
      secretKey: { key: string };
    };

    const now = Date.now();
    const batches: Batch[] = Array.from({ length: BATCHES }, (_, index) => ({ index, events: batchOfEvents(index, now) }));
    const send = async (batch: Batch) => {
      try {
        const response = await fetch(`${urls.ingestion}/v1/events/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: batch.events }),
          signal: AbortSignal.timeout(60_000),
        });
        await response.arrayBuffer();
        batch.answer = response.status;
      } catch (error) {
        batch.answer = `transport error: ${(error as Error).message}`;
      }
    };
    const storedCount = () => countStored(urls.insights, secretKey.key, now);

    // Kill once a random number of batches was answered, after a random few milliseconds more: the kill
    // may land between requests, during one, or in the middle of the bus's write.
    const killAfterAnswered = randomInt(2, BATCHES - 2);
    const killDelayMs = randomInt(0, 50);
    let killed = false;
    let storedJustBeforeKill = -1;
    let acceptedJustBeforeKill = -1;
    const answered = () => batches.filter((batch) => batch.answer !== undefined).length;
    let next = 0;
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (!killed && next < BATCHES) await send(batches[next++]);
    });
    const killer = (async () => {
      while (answered() < killAfterAnswered) await new Promise((resolve) => setTimeout(resolve, 5));
      acceptedJustBeforeKill = batches.filter((batch) => batch.answer === 202).length * EVENTS_PER_BATCH;
      storedJustBeforeKill = await storedCount();
      await new Promise((resolve) => setTimeout(resolve, killDelayMs));
      killed = true;
      pulse?.signal('SIGKILL');
    })();
    await killer;
    expect((await pulse?.waitForExit(10_000))?.signal).toBe('SIGKILL');
    await Promise.all(clients);

    const acceptedBeforeKill = batches.filter((batch) => batch.answer === 202);
    const notAccepted = batches.filter((batch) => batch.answer !== 202);
    process.stdout.write(
      `standalone crash: killed ${killDelayMs} ms after ${killAfterAnswered} answers; ${acceptedBeforeKill.length} batches ` +
        `answered 202, ${notAccepted.length} not (${notAccepted.map((batch) => batch.answer ?? 'not sent').join(', ')}); ` +
        `${storedJustBeforeKill} of the ${acceptedJustBeforeKill} accepted events were stored just before the kill\n`,
    );
    // Meaningful only if accepted events were waiting in the bus when the process died.
    expect(storedJustBeforeKill).toBeLessThan(acceptedJustBeforeKill);
    for (const batch of acceptedBeforeKill) expect(batch.answer).toBe(202);

    // What a kill in the middle of the bus's write leaves: the start of a record (a length promising 400
    // bytes, 60 of them there). A random kill rarely lands inside the write itself, so the test adds one.
    const partitionDirectory = join(dataDir, 'bus', 'topics', 'pulse.events.raw.v1', '0');
    const lastSegment = join(partitionDirectory, (await readdir(partitionDirectory)).sort().at(-1) ?? 'missing');
    const tornWrite = randomBytes(60);
    tornWrite.writeUInt32LE(400, 0);
    await appendFile(lastSegment, tornWrite);

    // Restart on the same directory; a client resends what got no 202, with the same event ids.
    urls = await startPulse();
    // At least those 60 bytes (more if the kill did tear the last write).
    const cutOff = pulse?.output.match(/cut off (\d+) bytes at the end of (\S+)/);
    expect({ segment: cutOff?.[2], atLeast60: Number(cutOff?.[1]) >= 60 }).toEqual({ segment: lastSegment, atLeast60: true });
    for (const batch of notAccepted) {
      await send(batch);
      expect({ batch: batch.index, answer: batch.answer }).toEqual({ batch: batch.index, answer: 202 });
    }

    await waitFor(async () => (await storedCount()) >= TOTAL, 300_000, async () => `${TOTAL} stored events (have ${await storedCount()})`);
    // From the rollups: each event counted once, none twice after the redelivery.
    expect(await storedCount()).toBe(TOTAL);

    pulse?.signal('SIGINT');
    expect((await pulse?.waitForExit(60_000))?.code).toBe(0);

    // The database itself, opened where the process kept it.
    const database = await PGlite.create(dataDir);
    try {
      const stored = await database.query<{ event_id: string }>(`SELECT event_id FROM events WHERE tenant_id = $1`, [tenant.id]);
      const storedIds = new Set(stored.rows.map((row) => row.event_id));
      const missingAccepted = acceptedBeforeKill.flatMap((batch) => batch.events.map((event) => event['eventId'] as string)).filter((id) => !storedIds.has(id));
      expect({ rows: stored.rows.length, distinct: storedIds.size, missingAccepted: missingAccepted.slice(0, 5) }).toEqual({
        rows: TOTAL,
        distinct: TOTAL,
        missingAccepted: [],
      });
      const rollups = await database.query<{ events: number }>(
        `SELECT sum(event_count)::int AS events FROM event_rollups WHERE tenant_id = $1 AND granularity = 'day' AND dimension_set = '' AND event_type <> '*'`,
        [tenant.id],
      );
      expect(rollups.rows[0].events).toBe(TOTAL);
    } finally {
      await database.close();
    }
  }, 600_000);
});

/** A batch of page views from 100 users, each event with its own id and a time in the last hour. */
function batchOfEvents(batch: number, now: number): Array<Record<string, unknown>> {
  return Array.from({ length: EVENTS_PER_BATCH }, (_, i) => {
    const index = batch * EVENTS_PER_BATCH + i;
    return {
      eventId: `crash-${index}`,
      type: 'page_view',
      timestamp: new Date(now - ((index * 7_919) % 3_600_000)).toISOString(),
      userId: `user-${index % 100}`,
      properties: { path: `/page/${index % 50}` },
    };
  });
}

/** Events the tenant has stored, from `POST /v1/query` (its rollups) over the days around `now`. */
async function countStored(insights: string, secretKey: string, now: number, daysBack = 1, timeZone = 'UTC'): Promise<number> {
  const day = 86_400_000;
  // Whole UTC days; Berlin midnights are an hour or two earlier, still whole local days with a wide margin.
  const midnight = Math.floor(now / day) * day;
  const response = await fetch(`${insights}/v1/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      metric: { type: 'event_count' },
      from: new Date(midnight - daysBack * day).toISOString(),
      to: new Date(midnight + 2 * day).toISOString(),
      granularity: 'day',
      timeZone,
    }),
  });
  if (response.status !== 200) throw new Error(`POST /v1/query answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { path: string; series: Array<{ total: number }> };
  if (body.path !== 'rollup') throw new Error(`expected the count from rollups, got ${JSON.stringify(body)}`);
  return body.series.reduce((sum, series) => sum + series.total, 0);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
