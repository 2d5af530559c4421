import type { OutgoingMessage } from '../message-bus';

type Send = (topic: string, messages: OutgoingMessage[]) => Promise<void>;

interface PendingPublish {
  messages: OutgoingMessage[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Turns many concurrent publishes to one topic into few produce requests. Ingestion publishes once per
 * HTTP request and waits for acks=all; with an idempotent producer kafkajs keeps one request in flight,
 * so without coalescing every request would wait for all the ones before it, one round trip each.
 * Publishes that arrive in the same tick, or while a request is in flight, travel together in the next
 * one, in arrival order (so a key's messages keep their order). Each caller's promise settles with the
 * request that carried its messages.
 */
export class PublishCoalescer {
  private readonly queues = new Map<string, PendingPublish[]>();
  private readonly draining = new Set<string>();

  constructor(private readonly send: Send) {}

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.queues.get(topic) ?? [];
      this.queues.set(topic, queue);
      queue.push({ messages, resolve, reject });
      if (!this.draining.has(topic)) {
        this.draining.add(topic);
        // Wait for the rest of this tick's publishes before sending.
        setImmediate(() => void this.drain(topic));
      }
    });
  }

  private async drain(topic: string): Promise<void> {
    try {
      for (;;) {
        const queue = this.queues.get(topic);
        if (!queue || queue.length === 0) return;
        const carried = queue.splice(0, queue.length);
        try {
          await this.send(topic, carried.flatMap((pending) => pending.messages));
          for (const pending of carried) pending.resolve();
        } catch (error) {
          for (const pending of carried) pending.reject(error);
        }
      }
    } finally {
      // No await between the empty check and here: a publish cannot slip in unseen.
      this.draining.delete(topic);
      this.queues.delete(topic);
    }
  }
}
