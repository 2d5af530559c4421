import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { NewMessage, PartitionLog, StoredMessage } from '../partition-log';
import { encodeRecord } from './log-record';
import {
  LogSegment,
  segmentBaseOffset,
  segmentFileName,
  type TruncatedTail,
} from './log-segment';

export interface DiskPartitionLogOptions {
  /** A new segment is started once the current one would grow past this (whole appends stay in one segment). */
  segmentBytes: number;
  /** Most bytes one `read` fetches (it always returns at least one message). */
  maxReadBytes: number;
  onTruncated: (tail: TruncatedTail) => void;
}

interface PendingAppend {
  messages: readonly NewMessage[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * A partition log in a directory of segment files. Appends are group-committed: every append made while
 * a write is in flight goes into the next single write + fdatasync, so a publish costs at most one fsync
 * per partition however many messages it holds, and concurrent publishes share one.
 */
export class DiskPartitionLog implements PartitionLog {
  private pending: PendingAppend[] = [];
  private writing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly directory: string,
    /** Oldest first; the last one takes the appends. Never empty. */
    private readonly segments: LogSegment[],
    private readonly options: DiskPartitionLogOptions,
  ) {}

  /** Opens the partition's directory (creating it and a first segment when new) and checks its records. */
  static async open(
    directory: string,
    options: DiskPartitionLogOptions,
  ): Promise<DiskPartitionLog> {
    await mkdir(directory, { recursive: true });
    const baseOffsets = (await readdir(directory))
      .map(segmentBaseOffset)
      .filter((offset): offset is number => offset !== undefined)
      .sort((a, b) => a - b);
    const segments: LogSegment[] = [];
    try {
      for (const [index, baseOffset] of baseOffsets.entries()) {
        const segment = await LogSegment.open(
          join(directory, segmentFileName(baseOffset)),
          baseOffset,
          index === baseOffsets.length - 1,
          options.onTruncated,
        );
        const previous = segments[segments.length - 1];
        segments.push(segment);
        if (previous && previous.endOffset !== baseOffset) {
          throw new Error(
            `the message bus log in ${directory} has a gap: ${previous.path} ends at offset ` +
              `${previous.endOffset} but ${segment.path} starts at ${baseOffset}`,
          );
        }
      }
      if (segments.length === 0)
        segments.push(await LogSegment.create(directory, 0));
    } catch (error) {
      await Promise.all(segments.map((segment) => segment.close()));
      throw error;
    }
    return new DiskPartitionLog(directory, segments, options);
  }

  get startOffset(): number {
    return this.segments[0].baseOffset;
  }

  get endOffset(): number {
    return this.activeSegment.endOffset;
  }

  append(messages: readonly NewMessage[]): Promise<void> {
    if (this.closed)
      return Promise.reject(
        new Error(`the message bus log in ${this.directory} is closed`),
      );
    if (messages.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ messages, resolve, reject });
      this.writing ??= this.writePending();
    });
  }

  async read(
    fromOffset: number,
    maxMessages: number,
  ): Promise<StoredMessage[]> {
    const offset = Math.max(fromOffset, this.startOffset);
    if (offset >= this.endOffset || maxMessages < 1) return [];
    // Binary search: the last segment starting at or before `offset`. A batch stays within one segment.
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.segments[middle].baseOffset <= offset) low = middle;
      else high = middle - 1;
    }
    return this.segments[low].read(
      offset,
      maxMessages,
      this.options.maxReadBytes,
    );
  }

  /**
   * Compaction: deletes every segment whose messages all lie before `offset` (every reader is past
   * them). The segment taking appends always stays. Answers how many were deleted.
   */
  async deleteSegmentsBefore(offset: number): Promise<number> {
    let deleted = 0;
    while (
      this.segments.length > 1 &&
      this.segments[1].baseOffset <= offset &&
      !this.closed
    ) {
      const [oldest] = this.segments.splice(0, 1);
      await oldest.remove(this.directory);
      deleted++;
    }
    return deleted;
  }

  /** Waits for the write in flight (and those queued behind it), then closes the files. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writing;
    await Promise.all(this.segments.map((segment) => segment.close()));
  }

  private get activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1];
  }

  /** Writes what is pending, one write + fdatasync per round, until nothing is left. */
  private async writePending(): Promise<void> {
    // Never settles synchronously (so `writing` is set before it is cleared), and appends made in the
    // same tick join the first write.
    await Promise.resolve();
    try {
      while (this.pending.length > 0) {
        const appends = this.pending;
        this.pending = [];
        try {
          // Offsets are given here, so a failed write leaves no hole for the appends behind it.
          let offset = this.endOffset;
          const records = appends.flatMap((append) =>
            append.messages.map((message) =>
              encodeRecord({ ...message, offset: offset++ }),
            ),
          );
          const bytes = records.reduce((sum, record) => sum + record.length, 0);
          if (
            this.activeSegment.sizeBytes > 0 &&
            this.activeSegment.sizeBytes + bytes > this.options.segmentBytes
          ) {
            this.segments.push(
              await LogSegment.create(this.directory, this.endOffset),
            );
          }
          await this.activeSegment.append(records);
          for (const append of appends) append.resolve();
        } catch (error) {
          for (const append of appends) append.reject(error);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }
}
