import {
  DEAD_LETTER_HEADERS,
  type BatchHandler,
  type MessageBus,
  type ReceivedMessage,
  type SubscribeOptions,
  type Subscription,
} from '../lib/message-bus';
import { deferred } from './deferred';
import { uniqueName } from './unique-name';
import { waitUntil } from './wait-until';

export interface MessageBusContractOptions {
  /** Longest wait for one expected outcome (default 20,000 ms); a test's own timeout is a multiple of it. */
  waitTimeoutMs?: number;
  /**
   * For adapters that keep messages across restarts (Kafka, the in-process bus on disk): a new bus on the
   * same storage as `closed`. Adds the test that messages and committed offsets survive the restart.
   */
  reopenBus?: (closed: MessageBus) => Promise<MessageBus>;
}

/** Offset and value as text: what the delivery tests compare. */
const offsetAndValue = (message: ReceivedMessage) => [
  message.offset,
  message.value.toString(),
];

/**
 * The behaviour every MessageBus adapter must show, run against each adapter: the in-process bus as a
 * unit test and the Kafka bus against a real broker. Every test uses fresh topic and group names.
 */
export function describeMessageBusContract(
  adapterName: string,
  createBus: () => Promise<MessageBus>,
  options: MessageBusContractOptions = {},
): void {
  const waitTimeoutMs = options.waitTimeoutMs ?? 20_000;
  const testTimeoutMs = waitTimeoutMs * 4;

  describe(`${adapterName} honours the MessageBus contract`, () => {
    let bus: MessageBus;
    const subscriptions: Subscription[] = [];

    beforeEach(async () => {
      bus = await createBus();
    });

    afterEach(async () => {
      await Promise.all(
        subscriptions.splice(0).map((subscription) => subscription.close()),
      );
      await bus.close();
    });

    async function subscribe(
      subscribeOptions: SubscribeOptions,
    ): Promise<Subscription> {
      const subscription = await bus.subscribe(subscribeOptions);
      subscriptions.push(subscription);
      return subscription;
    }

    /** A handler that accepts every message and remembers each batch. */
    function recorder() {
      const batches: ReceivedMessage[][] = [];
      const handleBatch: BatchHandler = async (batch) => {
        batches.push(batch);
      };
      return {
        batches,
        handleBatch,
        get messages() {
          return batches.flat();
        },
      };
    }

    async function waitForMessages(
      received: { messages: ReceivedMessage[] },
      count: number,
      what: string,
    ) {
      await waitUntil(
        () => received.messages.length >= count,
        () => `${count} ${what}, received ${received.messages.length}`,
        waitTimeoutMs,
      );
    }

    it(
      'delivers key, value bytes and headers unchanged',
      async () => {
        const topic = uniqueName('contract.round-trip');
        await bus.ensureTopics([topic], 3);
        await bus.publish(topic, [
          {
            key: 'user-1',
            value: Buffer.from([0x00, 0x01, 0xfe, 0xff]),
            headers: {
              'x-tenant': 't1',
              'content-type': 'application/octet-stream',
            },
          },
          {
            key: 'user-2',
            value: '{"event":"page"}',
            headers: { 'x-tenant': 't2' },
          },
          { key: null, value: 'keyless' },
        ]);

        const received = recorder();
        await subscribe({
          groupId: uniqueName('contract.group'),
          topics: [topic],
          handleBatch: received.handleBatch,
        });
        await waitForMessages(received, 3, 'published messages');

        const seen = received.messages
          .map((message) => ({
            topic: message.topic,
            key: message.key,
            value: message.value.toString('hex'),
            headers: message.headers,
          }))
          .sort((a, b) => a.value.localeCompare(b.value));
        expect(seen).toEqual(
          [
            {
              topic,
              key: 'user-1',
              value: '0001feff',
              headers: {
                'x-tenant': 't1',
                'content-type': 'application/octet-stream',
              },
            },
            {
              topic,
              key: 'user-2',
              value: Buffer.from('{"event":"page"}').toString('hex'),
              headers: { 'x-tenant': 't2' },
            },
            {
              topic,
              key: null,
              value: Buffer.from('keyless').toString('hex'),
              headers: {},
            },
          ].sort((a, b) => a.value.localeCompare(b.value)),
        );
        for (const message of received.messages) {
          expect(message.partition).toBeGreaterThanOrEqual(0);
          expect(message.partition).toBeLessThan(3);
          expect(message.offset).toMatch(/^\d+$/);
          expect(message.timestamp).toMatch(/^\d+$/);
        }
      },
      testTimeoutMs,
    );

    it(
      'reports per partition what a group has not committed yet, and nothing once it handled everything',
      async () => {
        const topic = uniqueName('contract.lag');
        const groupId = uniqueName('contract.group');
        await bus.ensureTopics([topic], 2);
        await bus.publish(topic, [
          { key: null, value: 'a' },
          { key: null, value: 'b' },
          { key: null, value: 'c' },
        ]);
        const lagOf = async () =>
          (
            await bus.consumerLag(groupId, [
              topic,
              uniqueName('contract.absent'),
            ])
          )
            .map(({ topic: name, partition, lag }) => ({
              name,
              partition,
              lag,
            }))
            .sort((a, b) => a.partition - b.partition);
        const before = await lagOf();
        expect(before.map(({ name, partition }) => [name, partition])).toEqual([
          [topic, 0],
          [topic, 1],
        ]);
        expect(before.reduce((sum, { lag }) => sum + lag, 0)).toBe(3);

        const received = recorder();
        await subscribe({
          groupId,
          topics: [topic],
          handleBatch: received.handleBatch,
        });
        await waitForMessages(received, 3, 'published messages');
        let after = before;
        const deadline = Date.now() + waitTimeoutMs;
        while (after.some(({ lag }) => lag > 0) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          after = await lagOf();
        }
        expect(after.map(({ lag }) => lag)).toEqual([0, 0]);
      },
      testTimeoutMs,
    );

    it(
      'keeps the publish order of messages with the same key, on one partition',
      async () => {
        const topic = uniqueName('contract.key-order');
        const keys = ['user-a', 'user-b', 'user-c', 'user-d'];
        await bus.ensureTopics([topic], 3);
        for (let round = 0; round < 5; round++) {
          await bus.publish(
            topic,
            keys.map((key) => ({ key, value: `${key}#${round}` })),
          );
        }

        const received = recorder();
        await subscribe({
          groupId: uniqueName('contract.group'),
          topics: [topic],
          handleBatch: received.handleBatch,
        });
        await waitForMessages(received, 20, 'published messages');

        for (const key of keys) {
          const ofKey = received.messages.filter(
            (message) => message.key === key,
          );
          expect(ofKey.map((message) => message.value.toString())).toEqual(
            [0, 1, 2, 3, 4].map((round) => `${key}#${round}`),
          );
          expect(new Set(ofKey.map((message) => message.partition)).size).toBe(
            1,
          );
        }
      },
      testTimeoutMs,
    );

    it(
      'hands the handler batches from one partition each, in increasing offset order',
      async () => {
        const topic = uniqueName('contract.batches');
        await bus.ensureTopics([topic], 3);
        await bus.publish(
          topic,
          Array.from({ length: 30 }, (_, i) => ({
            key: `user-${i % 7}`,
            value: `m${i}`,
          })),
        );

        const received = recorder();
        await subscribe({
          groupId: uniqueName('contract.group'),
          topics: [topic],
          handleBatch: received.handleBatch,
        });
        await waitForMessages(received, 30, 'published messages');

        const lastOffsetByPartition = new Map<number, bigint>();
        for (const batch of received.batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(
            new Set(
              batch.map((message) => `${message.topic}/${message.partition}`),
            ).size,
          ).toBe(1);
          for (const message of batch) {
            const previous =
              lastOffsetByPartition.get(message.partition) ?? BigInt(-1);
            expect(BigInt(message.offset)).toBeGreaterThan(previous);
            lastOffsetByPartition.set(
              message.partition,
              BigInt(message.offset),
            );
          }
        }
      },
      testTimeoutMs,
    );

    it(
      'resumes a group right after its last committed offset: nothing lost, nothing delivered twice',
      async () => {
        const topic = uniqueName('contract.resume');
        const groupId = uniqueName('contract.group');
        await bus.ensureTopics([topic], 1);
        await bus.publish(
          topic,
          [0, 1, 2, 3].map((i) => ({ key: 'user-1', value: `m${i}` })),
        );

        const first = recorder();
        const firstSubscription = await subscribe({
          groupId,
          topics: [topic],
          handleBatch: first.handleBatch,
        });
        await waitForMessages(first, 4, 'messages before the restart');
        await firstSubscription.close();

        await bus.publish(
          topic,
          [4, 5, 6, 7, 8, 9].map((i) => ({ key: 'user-1', value: `m${i}` })),
        );
        const second = recorder();
        await subscribe({
          groupId,
          topics: [topic],
          handleBatch: second.handleBatch,
        });
        await waitForMessages(second, 6, 'messages after the restart');

        expect(first.messages.map(offsetAndValue)).toEqual(
          [0, 1, 2, 3].map((i) => [`${i}`, `m${i}`]),
        );
        expect(second.messages.map(offsetAndValue)).toEqual(
          [4, 5, 6, 7, 8, 9].map((i) => [`${i}`, `m${i}`]),
        );
      },
      testTimeoutMs,
    );

    it(
      'delivers a batch again when the handler throws, and loses nothing',
      async () => {
        const topic = uniqueName('contract.redelivery');
        await bus.ensureTopics([topic], 1);
        await bus.publish(
          topic,
          [0, 1, 2, 3, 4].map((i) => ({ key: 'user-1', value: `m${i}` })),
        );

        const attempts: { offsets: string[]; failed: boolean }[] = [];
        const processed: string[] = [];
        // A TypeError first: some clients (kafkajs) treat it as fatal and stop the consumer unless the adapter guards.
        const failures = [
          new TypeError('handler bug'),
          new Error('database unavailable'),
        ];
        await subscribe({
          groupId: uniqueName('contract.group'),
          topics: [topic],
          handleBatch: async (batch) => {
            const offsets = batch.map((message) => message.offset);
            const failure = failures.shift();
            attempts.push({ offsets, failed: failure !== undefined });
            if (failure) throw failure;
            processed.push(...batch.map((message) => message.value.toString()));
          },
        });
        await waitUntil(
          () => processed.length >= 5,
          () =>
            `all 5 messages processed, got ${JSON.stringify(processed)} after ${JSON.stringify(attempts)}`,
          waitTimeoutMs,
        );

        const [firstFailure, secondFailure, firstSuccess] = attempts;
        expect(firstFailure.failed).toBe(true);
        expect(secondFailure.failed).toBe(true);
        // Each retry starts at the same offset and holds at least the failed batch's messages.
        expect(
          secondFailure.offsets.slice(0, firstFailure.offsets.length),
        ).toEqual(firstFailure.offsets);
        expect(
          firstSuccess.offsets.slice(0, firstFailure.offsets.length),
        ).toEqual(firstFailure.offsets);
        expect(processed).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
      },
      testTimeoutMs,
    );

    it(
      'sends a rejected message to the dead-letter topic with its origin and reason, and commits its neighbours',
      async () => {
        const topic = uniqueName('contract.dead-letter');
        const deadLetterTopic = uniqueName('contract.dlq');
        const groupId = uniqueName('contract.group');
        await bus.ensureTopics([topic, deadLetterTopic], 1);
        await bus.publish(topic, [
          { key: 'user-1', value: 'good-1' },
          {
            key: 'user-2',
            value: Buffer.from([0xde, 0xad]),
            headers: { 'x-tenant': 't1' },
          },
          { key: 'user-3', value: 'good-2' },
        ]);

        const processed: string[] = [];
        const handleBatch: BatchHandler = async (batch) => {
          const good = batch.filter((message) =>
            message.value.toString().startsWith('good'),
          );
          processed.push(...good.map((message) => message.value.toString()));
          return {
            rejected: batch
              .filter((message) => !good.includes(message))
              .map((message) => ({ message, reason: 'payload is not JSON' })),
          };
        };
        const subscription = await subscribe({
          groupId,
          topics: [topic],
          deadLetterTopic,
          handleBatch,
        });
        const deadLetters = recorder();
        await subscribe({
          groupId: uniqueName('contract.dlq-reader'),
          topics: [deadLetterTopic],
          handleBatch: deadLetters.handleBatch,
        });

        await waitForMessages(deadLetters, 1, 'dead-lettered message');
        await waitUntil(
          () => processed.length >= 2,
          () => `both good messages processed, got ${processed}`,
          waitTimeoutMs,
        );

        expect(processed).toEqual(['good-1', 'good-2']);
        const [deadLetter] = deadLetters.messages;
        expect(deadLetter.key).toBe('user-2');
        expect(deadLetter.value.equals(Buffer.from([0xde, 0xad]))).toBe(true);
        expect(deadLetter.headers).toEqual({
          'x-tenant': 't1',
          [DEAD_LETTER_HEADERS.originalTopic]: topic,
          [DEAD_LETTER_HEADERS.originalPartition]: '0',
          [DEAD_LETTER_HEADERS.originalOffset]: '1',
          [DEAD_LETTER_HEADERS.error]: 'payload is not JSON',
        });

        // The whole batch was committed: after a restart the group sees only what came later.
        await subscription.close();
        await bus.publish(topic, [{ key: 'user-4', value: 'good-3' }]);
        const afterRestart = recorder();
        await subscribe({
          groupId,
          topics: [topic],
          handleBatch: afterRestart.handleBatch,
        });
        await waitForMessages(
          afterRestart,
          1,
          'message published after the restart',
        );
        expect(afterRestart.messages.map(offsetAndValue)).toEqual([
          ['3', 'good-3'],
        ]);
      },
      testTimeoutMs,
    );

    it(
      'gives every message to each of two groups',
      async () => {
        const topic = uniqueName('contract.two-groups');
        await bus.ensureTopics([topic], 3);
        const values = Array.from({ length: 12 }, (_, i) => `m${i}`);
        await bus.publish(
          topic,
          values.map((value, i) => ({ key: `user-${i}`, value })),
        );

        const first = recorder();
        const second = recorder();
        await subscribe({
          groupId: uniqueName('contract.group-a'),
          topics: [topic],
          handleBatch: first.handleBatch,
        });
        await subscribe({
          groupId: uniqueName('contract.group-b'),
          topics: [topic],
          handleBatch: second.handleBatch,
        });
        await waitForMessages(first, 12, 'messages in the first group');
        await waitForMessages(second, 12, 'messages in the second group');

        const sortedValues = (received: { messages: ReceivedMessage[] }) =>
          received.messages.map((message) => message.value.toString()).sort();
        expect(sortedValues(first)).toEqual([...values].sort());
        expect(sortedValues(second)).toEqual([...values].sort());
      },
      testTimeoutMs,
    );

    it(
      'lets the batch in flight finish and commit before close() resolves',
      async () => {
        const topic = uniqueName('contract.close');
        const groupId = uniqueName('contract.group');
        await bus.ensureTopics([topic], 1);
        await bus.publish(
          topic,
          [0, 1, 2].map((i) => ({ key: 'user-1', value: `m${i}` })),
        );

        const events: string[] = [];
        const handling = deferred();
        const release = deferred();
        let inFlightOffsets: string[] = [];
        const subscription = await subscribe({
          groupId,
          topics: [topic],
          handleBatch: async (batch) => {
            if (handling.settled) {
              // After close() was asked for, no further batch may start.
              events.push(`another batch from ${batch[0].offset}`);
              return;
            }
            inFlightOffsets = batch.map((message) => message.offset);
            events.push('handler started');
            handling.resolve();
            await release.promise;
            events.push('handler finished');
          },
        });
        await waitUntil(
          () => handling.settled,
          'the first batch to reach the handler',
          waitTimeoutMs,
        );

        const closed = subscription.close().then(() => events.push('closed'));
        // Give a close() that does not wait the chance to finish first.
        await new Promise((resolve) => setTimeout(resolve, 200));
        release.resolve();
        await closed;
        expect(events).toEqual([
          'handler started',
          'handler finished',
          'closed',
        ]);

        // The held batch was committed: the group goes on right after its last offset.
        const afterRestart = recorder();
        await subscribe({
          groupId,
          topics: [topic],
          handleBatch: afterRestart.handleBatch,
        });
        const nextOffset =
          Number(inFlightOffsets[inFlightOffsets.length - 1]) + 1;
        if (nextOffset < 3) {
          await waitForMessages(
            afterRestart,
            1,
            'the messages after the held batch',
          );
          expect(afterRestart.messages[0].offset).toBe(String(nextOffset));
        } else {
          await bus.publish(topic, [{ key: 'user-1', value: 'after-close' }]);
          await waitForMessages(
            afterRestart,
            1,
            'the message published after close',
          );
          expect(afterRestart.messages.map(offsetAndValue)).toEqual([
            ['3', 'after-close'],
          ]);
        }
      },
      testTimeoutMs,
    );

    const reopenBus = options.reopenBus;
    if (reopenBus) {
      it(
        'keeps published messages and committed offsets when the bus is closed and opened again',
        async () => {
          const topic = uniqueName('contract.restart');
          const groupId = uniqueName('contract.group');
          await bus.ensureTopics([topic], 1);
          await bus.publish(
            topic,
            [0, 1, 2, 3].map((i) => ({ key: 'user-1', value: `m${i}` })),
          );
          const beforeRestart = recorder();
          const subscription = await subscribe({
            groupId,
            topics: [topic],
            handleBatch: beforeRestart.handleBatch,
          });
          await waitForMessages(
            beforeRestart,
            4,
            'messages before the restart',
          );
          await subscription.close();
          // Published after the group's last commit: the group gets them after the restart.
          await bus.publish(
            topic,
            [4, 5].map((i) => ({ key: 'user-1', value: `m${i}` })),
          );
          await bus.close();

          bus = await reopenBus(bus);
          const afterRestart = recorder();
          await subscribe({
            groupId,
            topics: [topic],
            handleBatch: afterRestart.handleBatch,
          });
          const newGroup = recorder();
          await subscribe({
            groupId: uniqueName('contract.group'),
            topics: [topic],
            handleBatch: newGroup.handleBatch,
          });
          await waitForMessages(afterRestart, 2, 'messages after the restart');
          await waitForMessages(newGroup, 6, 'messages for a new group');

          expect(afterRestart.messages.map(offsetAndValue)).toEqual(
            [4, 5].map((i) => [`${i}`, `m${i}`]),
          );
          expect(newGroup.messages.map(offsetAndValue)).toEqual(
            [0, 1, 2, 3, 4, 5].map((i) => [`${i}`, `m${i}`]),
          );
        },
        testTimeoutMs,
      );
    }
  });
}
