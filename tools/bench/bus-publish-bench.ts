// The in-process bus's publish throughput, in memory vs with its log on disk (PULSE_DATA_DIR): what a
// 202 costs once it waits for write + fdatasync. Bounded, cleans up after itself, needs no services:
//   node -r @swc-node/register tools/bench/bus-publish-bench.ts [--messages=200000] [--dir=/tmp] [--out=<file>.json]
// Every scenario publishes the same messages (≈ 360-byte envelopes keyed by tenant:user, 3 partitions) to
// a fresh bus; nothing consumes them. JSON on stdout, a table on stderr. See docs/BENCHMARKS.md.
import { cpus, freemem, loadavg, totalmem, tmpdir } from 'node:os';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InProcessMessageBus } from '../../libs/messaging/src/lib/in-process/in-process-message-bus';
import type { OutgoingMessage } from '../../libs/messaging/src/lib/message-bus';

const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

const MESSAGES = Number(arg('messages', '200000'));
const BASE_DIR = arg('dir', tmpdir());
const OUT = arg('out', '');
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** A publish pattern: `callSize` messages per publish, `concurrency` publishers at once. */
interface Scenario {
  name: string;
  callSize: number;
  concurrency: number;
  messages: number;
}

const scenarios: Scenario[] = [
  { name: 'HTTP batches: 1,000 per publish, one at a time', callSize: 1000, concurrency: 1, messages: MESSAGES },
  { name: 'HTTP batches: 1,000 per publish, 4 at once', callSize: 1000, concurrency: 4, messages: MESSAGES },
  { name: 'small batches: 20 per publish, 16 at once', callSize: 20, concurrency: 16, messages: MESSAGES / 4 },
  { name: 'single events: 1 per publish, 16 at once', callSize: 1, concurrency: 16, messages: MESSAGES / 20 },
  { name: 'single events: 1 per publish, one at a time', callSize: 1, concurrency: 1, messages: MESSAGES / 100 },
];

function envelope(i: number): OutgoingMessage {
  const event = {
    schemaVersion: 1,
    tenantId: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
    receivedAt: '2026-12-06T20:00:00.000Z',
    source: 'http',
    event: { eventId: `bench-${i}`, type: 'page_view', timestamp: '2026-12-06T19:59:59.000Z', userId: `user-${i % 1000}`, properties: { path: `/page/${i % 50}` }, context: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0' } },
  };
  return { key: `6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f:user-${i % 1000}`, value: JSON.stringify(event) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function run(scenario: Scenario, directory: string | undefined) {
  const bus = await InProcessMessageBus.open({ directory, logger: silent });
  await bus.ensureTopics(['pulse.events.raw.v1'], 3);
  const calls = Math.ceil(scenario.messages / scenario.callSize);
  const batches = Array.from({ length: calls }, (_, call) =>
    Array.from({ length: scenario.callSize }, (_, i) => envelope(call * scenario.callSize + i)),
  );
  const bytes = batches.flat().reduce((sum, message) => sum + Buffer.byteLength(message.value as string), 0);
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: scenario.concurrency }, async () => {
      while (next < calls) {
        const batch = batches[next++];
        const callStarted = process.hrtime.bigint();
        await bus.publish('pulse.events.raw.v1', batch);
        latencies.push(Number(process.hrtime.bigint() - callStarted) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  await bus.close();
  latencies.sort((a, b) => a - b);
  const messages = calls * scenario.callSize;
  return {
    messagesPerSecond: Math.round(messages / seconds),
    megabytesPerSecond: Math.round((bytes / seconds / 1e6) * 10) / 10,
    publishMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies[latencies.length - 1]) },
    cpuMicrosecondsPerMessage: round((cpu.user + cpu.system) / messages),
    messages,
    seconds: round(seconds),
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const results = {
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(' '),
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), freeGb: Math.round(freemem() / 2 ** 30), node: process.version, loadavgAtStart: loadavg() },
    directory: BASE_DIR,
    scenarios: [] as unknown[],
  };
  for (const scenario of scenarios) {
    const memory = await run(scenario, undefined);
    const directory = await mkdtemp(join(BASE_DIR, 'pulse-bus-bench-'));
    let disk;
    try {
      disk = await run(scenario, directory);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    results.scenarios.push({ ...scenario, memory, disk });
    process.stderr.write(
      `${scenario.name}\n  memory: ${memory.messagesPerSecond} msg/s, publish p50 ${memory.publishMs.p50} ms p99 ${memory.publishMs.p99} ms, ${memory.cpuMicrosecondsPerMessage} µs CPU/msg\n` +
        `  disk:   ${disk.messagesPerSecond} msg/s (${disk.megabytesPerSecond} MB/s), publish p50 ${disk.publishMs.p50} ms p99 ${disk.publishMs.p99} ms, ${disk.cpuMicrosecondsPerMessage} µs CPU/msg\n`,
    );
  }
  const json = JSON.stringify({ ...results, loadavgAtEnd: loadavg() }, null, 2);
  if (OUT) await writeFile(OUT, json + '\n');
  process.stdout.write(json + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
