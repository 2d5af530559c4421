import { constants, type FileHandle } from 'node:fs/promises';
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredMessage } from '../partition-log';
import { syncDirectory } from './durable-file';
import { decodeRecord, scanRecords } from './log-record';

const SEGMENT_SUFFIX = '.log';

/** `00000000000000012345.log`: named by its first offset, like Kafka's segments, so names sort by offset. */
export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}${SEGMENT_SUFFIX}`;
}

/** The first offset of a segment file, or undefined for any other file. */
export function segmentBaseOffset(fileName: string): number | undefined {
  const match = /^(\d{20})\.log$/.exec(fileName);
  return match ? Number(match[1]) : undefined;
}

/** What opening found at the end of the last segment: a write a crash tore, now cut off. */
export interface TruncatedTail {
  path: string;
  keptBytes: number;
  droppedBytes: number;
  damage: string;
}

/**
 * One file of a partition log: records appended at its end, read back by offset through an index of
 * every record's byte position (built by scanning the file when it is opened).
 */
export class LogSegment {
  private constructor(
    readonly path: string,
    readonly baseOffset: number,
    private readonly handle: FileHandle,
    private readonly positions: number[],
    private size: number,
  ) {}

  /** A new, empty segment; its directory entry is fsynced so the file survives a crash. */
  static async create(
    directory: string,
    baseOffset: number,
  ): Promise<LogSegment> {
    const path = join(directory, segmentFileName(baseOffset));
    const handle = await open(
      path,
      constants.O_RDWR | constants.O_CREAT | constants.O_EXCL,
      0o644,
    );
    await syncDirectory(directory);
    return new LogSegment(path, baseOffset, handle, [], 0);
  }

  /**
   * Opens an existing segment and checks every record. Damage at the end of the last segment is a write a
   * crash interrupted (its publish never resolved): it is cut off and reported through `onTruncated`.
   * Damage anywhere else means the disk lost data that was fsynced, and opening fails rather than guess.
   */
  static async open(
    path: string,
    baseOffset: number,
    isLast: boolean,
    onTruncated: (tail: TruncatedTail) => void,
  ): Promise<LogSegment> {
    const bytes = await readFile(path);
    const scan = scanRecords(bytes, baseOffset);
    if (scan.damage && !isLast) {
      throw new Error(
        `the message bus log ${path} is damaged (${scan.damage}) before its end; it was written and fsynced ` +
          'completely, so the disk lost data. Move the file away to start without it.',
      );
    }
    const handle = await open(path, constants.O_RDWR);
    if (scan.validBytes < bytes.length) {
      try {
        await handle.truncate(scan.validBytes);
        await handle.datasync();
      } catch (error) {
        await handle.close();
        throw error;
      }
      onTruncated({
        path,
        keptBytes: scan.validBytes,
        droppedBytes: bytes.length - scan.validBytes,
        damage: scan.damage ?? 'unknown',
      });
    }
    return new LogSegment(
      path,
      baseOffset,
      handle,
      scan.positions,
      scan.validBytes,
    );
  }

  get endOffset(): number {
    return this.baseOffset + this.positions.length;
  }

  get sizeBytes(): number {
    return this.size;
  }

  /**
   * Writes encoded records (whose offsets start at `endOffset`) at the end and fsyncs them; only then are
   * they indexed, hence readable. A failed write is cut off again, so the next one starts on a record boundary.
   */
  async append(records: readonly Buffer[]): Promise<void> {
    const bytes = Buffer.concat(records);
    const start = this.size;
    try {
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await this.handle.write(
          bytes,
          written,
          bytes.length - written,
          start + written,
        );
        written += bytesWritten;
      }
      await this.handle.datasync();
    } catch (error) {
      await this.handle.truncate(start).catch(() => undefined);
      throw error;
    }
    let position = start;
    for (const record of records) {
      this.positions.push(position);
      position += record.length;
    }
    this.size = position;
  }

  /**
   * Up to `maxMessages` messages from `fromOffset` (inside this segment), in one read of at most
   * `maxBytes` (always at least one message).
   */
  async read(
    fromOffset: number,
    maxMessages: number,
    maxBytes: number,
  ): Promise<StoredMessage[]> {
    const first = fromOffset - this.baseOffset;
    if (first < 0 || first >= this.positions.length) return [];
    const start = this.positions[first];
    let last = first + 1;
    const limit = Math.min(this.positions.length, first + maxMessages);
    while (last < limit && this.positionOf(last + 1) - start <= maxBytes)
      last++;
    const length = this.positionOf(last) - start;
    const bytes = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await this.handle.read(
        bytes,
        read,
        length - read,
        start + read,
      );
      if (bytesRead === 0)
        throw new Error(`${this.path} ended early at byte ${start + read}`);
      read += bytesRead;
    }
    const messages: StoredMessage[] = [];
    let position = 0;
    while (position < length) {
      const { message, next } = decodeRecord(bytes, position);
      messages.push(message);
      position = next;
    }
    return messages;
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  /** Closes and deletes the file (compaction). */
  async remove(directory: string): Promise<void> {
    await this.handle.close();
    await unlink(this.path);
    await syncDirectory(directory);
  }

  /** Byte position where the record with this index starts; the size for one past the last. */
  private positionOf(index: number): number {
    return index < this.positions.length ? this.positions[index] : this.size;
  }
}
