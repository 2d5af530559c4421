import type { MessageHeaders } from '../message-bus';

export interface StoredMessage {
  offset: number;
  key: string | null;
  value: Buffer;
  headers: MessageHeaders;
  timestamp: string;
}

/** A message about to be appended: the log gives it its offset. */
export type NewMessage = Omit<StoredMessage, 'offset'>;

/**
 * One partition's append-only log, in memory or on disk. Offsets start at 0 and never repeat;
 * `startOffset` moves up when old messages are dropped (retention, compaction).
 */
export interface PartitionLog {
  /** Offset of the oldest message still held (Kafka's "log start offset"). */
  readonly startOffset: number;
  /** Offset the next appended message gets (Kafka's "log end offset"). */
  readonly endOffset: number;
  /**
   * Appends in order and resolves once the messages are stored (on disk: written and fsynced). Messages
   * become readable, and `endOffset` moves, only then. Calls are stored in the order they were made.
   */
  append(messages: readonly NewMessage[]): Promise<void>;
  /** Up to `maxMessages` messages from `fromOffset` on (clamped to the held range), in offset order. */
  read(fromOffset: number, maxMessages: number): Promise<StoredMessage[]>;
}
