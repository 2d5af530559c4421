import { describeMessageBusContract, waitUntil } from '../../testing';
import { InProcessMessageBus } from './in-process-message-bus';

const silentLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

describeMessageBusContract(
  'InProcessMessageBus',
  async () =>
    new InProcessMessageBus({
      retryInitialBackoffMs: 5,
      retryMaxBackoffMs: 20,
      logger: silentLogger,
    }),
  { waitTimeoutMs: 4000 },
);

describe('InProcessMessageBus', () => {
  it('is healthy while open and unhealthy once closed', async () => {
    const bus = new InProcessMessageBus({ logger: silentLogger });
    await expect(bus.health.check()).resolves.toBeUndefined();

    await bus.close();

    await expect(bus.health.check()).rejects.toThrow('closed');
  });

  it('refuses to publish after close', async () => {
    const bus = new InProcessMessageBus({ logger: silentLogger });
    await bus.close();

    await expect(bus.publish('t', [{ value: 'v' }])).rejects.toThrow('closed');
  });

  it('starts a new group at the end of the log when fromBeginning is false', async () => {
    const bus = new InProcessMessageBus({ logger: silentLogger });
    await bus.publish('t', [{ key: 'k', value: 'old' }]);
    const seen: string[] = [];
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: false,
      handleBatch: async (batch) => {
        seen.push(...batch.map((message) => message.value.toString()));
      },
    });

    await bus.publish('t', [{ key: 'k', value: 'new' }]);
    await waitUntil(() => seen.length >= 1, 'the new message', 4000);
    await bus.close();

    expect(seen).toEqual(['new']);
  });

  it('shares a group’s partitions between its members without delivering a message twice', async () => {
    const bus = new InProcessMessageBus({
      logger: silentLogger,
      maxBatchSize: 2,
    });
    const seen: string[] = [];
    const handleBatch = async (batch: { value: Buffer }[]) => {
      seen.push(...batch.map((message) => message.value.toString()));
    };
    await bus.subscribe({ groupId: 'g', topics: ['t'], handleBatch });
    await bus.subscribe({ groupId: 'g', topics: ['t'], handleBatch });

    await bus.publish(
      't',
      Array.from({ length: 20 }, (_, i) => ({
        key: `user-${i % 5}`,
        value: `m${i}`,
      })),
    );
    await waitUntil(
      () => seen.length >= 20,
      () => `20 messages, got ${seen.length}`,
      4000,
    );
    await bus.close();

    expect([...seen].sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `m${i}`).sort(),
    );
  });
});
