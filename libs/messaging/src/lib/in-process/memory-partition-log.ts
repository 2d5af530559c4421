import type { NewMessage, PartitionLog, StoredMessage } from './partition-log';

/**
 * A partition log held in memory. Like Kafka's size-based retention, the oldest messages are dropped
 * once the log holds more than `retainedMessages`, so a long-running embedded process does not grow
 * without bound.
 */
export class MemoryPartitionLog implements PartitionLog {
  private readonly entries: StoredMessage[] = [];
  /** Offset of `entries[0]`. */
  private firstOffset = 0;

  constructor(private readonly retainedMessages: number) {}

  get endOffset(): number {
    return this.firstOffset + this.entries.length;
  }

  get startOffset(): number {
    return this.firstOffset;
  }

  /** Stored before the promise settles (the body runs synchronously): call order is offset order. */
  async append(messages: readonly NewMessage[]): Promise<void> {
    for (const message of messages) {
      this.entries.push({ ...message, offset: this.endOffset });
    }
    // Trim in chunks (a tenth of the limit) so appends stay O(1) amortised.
    if (
      this.entries.length >
      this.retainedMessages + Math.ceil(this.retainedMessages / 10)
    ) {
      const dropped = this.entries.length - this.retainedMessages;
      this.entries.splice(0, dropped);
      this.firstOffset += dropped;
    }
  }

  async read(
    fromOffset: number,
    maxMessages: number,
  ): Promise<StoredMessage[]> {
    const start = Math.max(fromOffset, this.firstOffset) - this.firstOffset;
    return this.entries.slice(start, start + maxMessages);
  }
}
