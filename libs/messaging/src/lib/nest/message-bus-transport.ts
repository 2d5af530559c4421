import { BaseRpcContext, Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { MessageBus, ReceivedMessage, Subscription } from '../message-bus';

/** Nest injection token of the transport's options; a feature module that serves `@EventPattern` handlers provides it. */
export const MESSAGE_BUS_TRANSPORT_OPTIONS = Symbol('MESSAGE_BUS_TRANSPORT_OPTIONS');

export interface MessageBusTransportOptions {
  /** A handler's consumer group is `<groupIdPrefix>.<topic>`, unless it names one: `@EventPattern(topic, { groupId })`. */
  groupIdPrefix: string;
  /** The topic consumed for a pattern (tests run on unique topics); the pattern itself when absent. */
  topics?: ReadonlyMap<string, string>;
  /** A new group starts at the topic's end unless this is true (old signals are stale). */
  fromBeginning?: boolean;
}

/** The second argument of a handler: where the message came from (`getMessage()`: topic, partition, offset, headers). */
export class MessageBusContext extends BaseRpcContext<[ReceivedMessage]> {
  getMessage(): ReceivedMessage {
    return this.args[0];
  }
}

/**
 * Serves a Nest application's `@EventPattern(topic)` handlers from the `MessageBus`, so they run on Kafka
 * and on the in-process bus alike. Each handler is one consumer group on its topic; it receives the
 * `ReceivedMessage` (`@Payload()`) and decodes it itself. Messages of a batch are handled one after the
 * other, in offset order; the batch commits once all resolved. A handler that throws (through Nest's
 * exception filter) makes the batch fail, and the bus delivers it again: at-least-once, so handlers
 * must be idempotent and must not throw for a message they will never accept (log and skip it).
 */
export class MessageBusTransport extends Server implements CustomTransportStrategy {
  override readonly transportId = Symbol('MessageBusTransport');
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly bus: MessageBus,
    private readonly options: MessageBusTransportOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.messageHandlers) {
        // Request-response has no meaning on a log: only events are served.
        if (!handler.isEventHandler) continue;
        const topic = this.options.topics?.get(pattern) ?? pattern;
        const groupId = typeof handler.extras?.['groupId'] === 'string' ? handler.extras['groupId'] : `${this.options.groupIdPrefix}.${pattern}`;
        await this.bus.ensureTopics([topic]);
        this.subscriptions.push(
          await this.bus.subscribe({
            groupId,
            topics: [topic],
            fromBeginning: this.options.fromBeginning ?? false,
            handleBatch: (messages) => this.handleBatch(handler, messages),
          }),
        );
        this.logger.log(`consuming ${topic} as group ${groupId}`);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops every consumer after its batch in flight committed. */
  async close(): Promise<void> {
    const subscriptions = this.subscriptions.splice(0);
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
  }

  on(): never {
    throw new Error('MessageBusTransport emits no events');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  private async handleBatch(handler: MessageHandler, messages: readonly ReceivedMessage[]): Promise<void> {
    for (const message of messages) {
      const result = await handler(message, new MessageBusContext([message]));
      // An exception filter turns a thrown error into an erroring observable: waiting on it rethrows.
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    }
  }
}
