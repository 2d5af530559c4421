import { Controller, type INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { waitUntil } from '../../testing';
import { InProcessMessageBus } from '../in-process/in-process-message-bus';
import type { ReceivedMessage } from '../message-bus';
import { MessageBusContext, MessageBusTransport } from './message-bus-transport';

const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const seen: Array<{ handler: string; value: string; topic: string }> = [];
let failuresLeft = 0;

@Controller()
class ListeningController {
  @EventPattern('orders.v1')
  onOrder(@Payload() message: ReceivedMessage, @Ctx() context: MessageBusContext): void {
    seen.push({ handler: 'orders', value: message.value.toString(), topic: context.getMessage().topic });
  }

  @EventPattern('flaky.v1', { groupId: 'flaky-group' })
  async onFlaky(@Payload() message: ReceivedMessage): Promise<void> {
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('database down');
    }
    seen.push({ handler: 'flaky', value: message.value.toString(), topic: message.topic });
  }

  @MessagePattern('requests.v1')
  onRequest(): string {
    return 'never served';
  }
}

describe('MessageBusTransport', () => {
  let bus: InProcessMessageBus;
  let app: INestApplication;

  beforeEach(async () => {
    seen.length = 0;
    bus = new InProcessMessageBus({ retryInitialBackoffMs: 5, retryMaxBackoffMs: 20, logger: silentLogger });
    const module = await Test.createTestingModule({ controllers: [ListeningController] }).compile();
    app = module.createNestApplication({ logger: false });
    app.connectMicroservice({
      strategy: new MessageBusTransport(bus, { groupIdPrefix: 'test', topics: new Map([['orders.v1', 'run-1.orders.v1']]) }),
    });
    await app.startAllMicroservices();
    await app.init();
  });

  afterEach(async () => {
    await app.close();
    await bus.close();
  });

  it('hands each message of the mapped topic to its @EventPattern handler, in order', async () => {
    await bus.publish('run-1.orders.v1', [
      { key: 'k', value: 'first' },
      { key: 'k', value: 'second' },
    ]);
    await waitUntil(() => seen.length === 2, 'two orders', 4000);
    expect(seen).toEqual([
      { handler: 'orders', value: 'first', topic: 'run-1.orders.v1' },
      { handler: 'orders', value: 'second', topic: 'run-1.orders.v1' },
    ]);
  });

  it('delivers a message again when its handler throws (at-least-once)', async () => {
    failuresLeft = 2;
    await bus.publish('flaky.v1', [{ key: 'k', value: 'retried' }]);
    await waitUntil(() => seen.length === 1, 'the message after two failures', 4000);
    expect(seen).toEqual([{ handler: 'flaky', value: 'retried', topic: 'flaky.v1' }]);
    expect(failuresLeft).toBe(0);
  });

  const restart = async (groupIdPrefix: string) => {
    await app.close();
    const module = await Test.createTestingModule({ controllers: [ListeningController] }).compile();
    app = module.createNestApplication({ logger: false });
    app.connectMicroservice({ strategy: new MessageBusTransport(bus, { groupIdPrefix, topics: new Map([['orders.v1', 'run-1.orders.v1']]) }) });
    await app.startAllMicroservices();
  };

  it('continues a group from its committed offset after a restart: what was published meanwhile is handled', async () => {
    await app.close();
    await bus.publish('run-1.orders.v1', [{ key: 'k', value: 'while away' }]);
    await restart('test');
    await waitUntil(() => seen.length === 1, 'the message published while stopped', 4000);
    expect(seen[0].value).toBe('while away');
  });

  it('starts a new group at the topic’s end: older messages are not replayed', async () => {
    await bus.publish('run-1.orders.v1', [{ key: 'k', value: 'old' }]);
    await waitUntil(() => seen.length === 1, 'the old message, for the first group', 4000);
    await restart('another-service');
    await bus.publish('run-1.orders.v1', [{ key: 'k', value: 'new' }]);
    await waitUntil(() => seen.length === 2, 'the new message, for the new group', 4000);
    expect(seen.map((entry) => entry.value)).toEqual(['old', 'new']);
  });

  it('names each consumer group after its topic unless the handler names one', async () => {
    const groups: string[] = [];
    const spyBus = new InProcessMessageBus({ logger: silentLogger });
    const subscribe = spyBus.subscribe.bind(spyBus);
    spyBus.subscribe = (options) => {
      groups.push(`${options.groupId} ← ${options.topics.join(',')} (from beginning: ${String(options.fromBeginning)})`);
      return subscribe(options);
    };
    const module = await Test.createTestingModule({ controllers: [ListeningController] }).compile();
    const other = module.createNestApplication({ logger: false });
    other.connectMicroservice({ strategy: new MessageBusTransport(spyBus, { groupIdPrefix: 'pulse-insights' }) });
    await other.startAllMicroservices();
    await other.close();
    await spyBus.close();
    expect(groups.sort()).toEqual(['flaky-group ← flaky.v1 (from beginning: false)', 'pulse-insights.orders.v1 ← orders.v1 (from beginning: false)']);
  });
});
