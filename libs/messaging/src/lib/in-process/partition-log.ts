import type { MessageHeaders } from '../message-bus';

export interface StoredMessage {
  offset: number;
  key: string | null;
  value: Buffer;
  headers: MessageHeaders;
  timestamp: string;
}

/**
 * One partition's append-only log. Offsets start at 0 and never repeat. Like Kafka's size-based
 * retention, the oldest messages are dropped once the log holds more than `retainedMessages`,
 * so a long-running embedded process does not grow without bound.
 */
export class PartitionLog {
  private readonly entries: StoredMessage[] = [];
  /** Offset of `entries[0]`: Kafka's "log start offset". */
  private firstOffset = 0;

  constructor(private readonly retainedMessages: number) {}

  /** Offset the next appended message gets (Kafka's "log end offset"). */
  get endOffset(): number {
    return this.firstOffset + this.entries.length;
  }

  get startOffset(): number {
    return this.firstOffset;
  }

  append(message: Omit<StoredMessage, 'offset'>): number {
    const offset = this.endOffset;
    this.entries.push({ ...message, offset });
    // Trim in chunks (a tenth of the limit) so appends stay O(1) amortised.
    if (
      this.entries.length >
      this.retainedMessages + Math.ceil(this.retainedMessages / 10)
    ) {
      const dropped = this.entries.length - this.retainedMessages;
      this.entries.splice(0, dropped);
      this.firstOffset += dropped;
    }
    return offset;
  }

  /** Up to `maxMessages` messages from `fromOffset` on (clamped to the retained range), in offset order. */
  read(fromOffset: number, maxMessages: number): StoredMessage[] {
    const start = Math.max(fromOffset, this.firstOffset) - this.firstOffset;
    return this.entries.slice(start, start + maxMessages);
  }
}
