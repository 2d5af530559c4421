import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageBus, ReceivedMessage } from '../message-bus';
import { describeMessageBusContract, waitUntil } from '../../testing';
import { InProcessMessageBus } from './in-process-message-bus';

const silentLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const directories = new Map<MessageBus, string>();

afterAll(async () => {
  await Promise.all(
    [...new Set(directories.values())].map((directory) =>
      rm(directory, { recursive: true, force: true }),
    ),
  );
});

async function openOnDisk(directory: string): Promise<InProcessMessageBus> {
  const bus = await InProcessMessageBus.open({
    directory,
    retryInitialBackoffMs: 5,
    retryMaxBackoffMs: 20,
    logger: silentLogger,
  });
  directories.set(bus, directory);
  return bus;
}

describeMessageBusContract(
  'InProcessMessageBus on disk',
  async () => openOnDisk(await mkdtemp(join(tmpdir(), 'pulse-bus-contract-'))),
  {
    waitTimeoutMs: 4000,
    reopenBus: async (closed) => {
      const directory = directories.get(closed);
      if (!directory)
        throw new Error('reopening a bus this suite did not open');
      return openOnDisk(directory);
    },
  },
);

describe('InProcessMessageBus on disk', () => {
  let directory: string;
  const buses: InProcessMessageBus[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'pulse-bus-'));
  });

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
    await rm(directory, { recursive: true, force: true });
  });

  async function open(segmentBytes?: number): Promise<InProcessMessageBus> {
    const bus = await InProcessMessageBus.open({
      directory,
      segmentBytes,
      logger: silentLogger,
    });
    buses.push(bus);
    return bus;
  }

  /** Subscribes a group that records every message it gets. */
  async function consume(
    bus: InProcessMessageBus,
    groupId: string,
    topic: string,
  ) {
    const received: ReceivedMessage[] = [];
    const subscription = await bus.subscribe({
      groupId,
      topics: [topic],
      handleBatch: async (batch) => {
        received.push(...batch);
      },
    });
    return { received, subscription };
  }

  const values = (messages: ReceivedMessage[]) =>
    messages.map((message) => message.value.toString());

  const segmentsOf = async (topic: string, partition: number) =>
    (await readdir(join(directory, 'topics', topic, String(partition)))).sort();

  it('says where it keeps the messages', async () => {
    expect((await open()).location).toBe(directory);
    expect(new InProcessMessageBus().location).toBe('memory');
    expect((await InProcessMessageBus.open()).location).toBe('memory');
  });

  it('keeps topics with their partition count, and each group’s committed offsets in its own file', async () => {
    const first = await open();
    await first.ensureTopics(['events'], 2);
    // murmur2 with 2 partitions: user-1 → 0, user-3 → 1.
    await first.publish('events', [
      { key: 'user-1', value: 'a' },
      { key: 'user-3', value: 'b' },
    ]);
    const before = await consume(first, 'pulse.processor', 'events');
    await waitUntil(() => before.received.length === 2, 'both messages', 4000);
    await first.close();

    expect(
      JSON.parse(
        await readFile(
          join(directory, 'groups', 'pulse%2Eprocessor.json'),
          'utf8',
        ),
      ),
    ).toEqual({
      groupId: 'pulse.processor',
      offsets: { events: { '0': 1, '1': 1 } },
    });

    const second = await open();
    // ensureTopics leaves an existing topic alone, as on a broker.
    await second.ensureTopics(['events'], 5);
    await second.publish('events', [
      { key: 'user-3', value: 'c' },
      { key: 'user-1', value: 'd' },
    ]);
    const after = await consume(second, 'pulse.processor', 'events');
    await waitUntil(
      () => after.received.length === 2,
      'the new messages',
      4000,
    );

    expect(
      after.received
        .map((message) => [
          message.partition,
          message.offset,
          message.value.toString(),
        ])
        .sort(),
    ).toEqual([
      [0, '1', 'd'],
      [1, '1', 'c'],
    ]);
  });

  it('deletes the segments every group has read past, and keeps what a group still needs or nobody reads', async () => {
    // A message (key 'k', value 'm00') is 36 bytes on disk: segments of two messages each.
    const segmentBytes = 72;
    const publishPairs = async (
      bus: MessageBus,
      topic: string,
      from: number,
      to: number,
    ) => {
      for (let i = from; i < to; i += 2)
        await bus.publish(topic, [
          { key: 'k', value: `m0${i}` },
          { key: 'k', value: `m0${i + 1}` },
        ]);
    };

    // Run 1: "slow" reads offsets 0–3; "audit" is a topic no group reads.
    const first = await open(segmentBytes);
    await first.ensureTopics(['t', 'audit'], 1);
    await publishPairs(first, 't', 0, 4);
    await publishPairs(first, 'audit', 0, 4);
    const slow = await consume(first, 'slow', 't');
    await waitUntil(() => slow.received.length === 4, 'slow reads 4', 4000);
    await first.close();
    // Segment 0 (offsets 0–1) is behind every group; segment 2 takes the appends and stays.
    expect(await segmentsOf('t', 0)).toEqual(['00000000000000000002.log']);
    expect(await segmentsOf('audit', 0)).toEqual([
      '00000000000000000000.log',
      '00000000000000000002.log',
    ]);

    // Run 2: offsets 4–9 arrive; a new group "fast" starts at the oldest message kept (2) and reads all.
    const second = await open(segmentBytes);
    await publishPairs(second, 't', 4, 10);
    const fast = await consume(second, 'fast', 't');
    await waitUntil(() => fast.received.length === 8, 'fast reads 8', 4000);
    await second.close();
    expect(fast.received.map((message) => message.offset)).toEqual([
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    // "slow" is still at 4: segment 2 goes, segments 4, 6 and 8 stay.
    expect(await segmentsOf('t', 0)).toEqual([
      '00000000000000000004.log',
      '00000000000000000006.log',
      '00000000000000000008.log',
    ]);

    // Run 3: "slow" continues right after its last commit.
    const third = await open(segmentBytes);
    const resumed = await consume(third, 'slow', 't');
    await waitUntil(
      () => resumed.received.length === 6,
      'slow reads 6 more',
      4000,
    );
    expect(values(resumed.received)).toEqual([
      'm04',
      'm05',
      'm06',
      'm07',
      'm08',
      'm09',
    ]);
  });
});
