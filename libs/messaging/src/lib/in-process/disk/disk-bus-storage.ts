import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  errorMessage,
  logError,
  type MessagingLogger,
} from '../../messaging-logger';
import type { BusStorage } from '../bus-storage';
import type { CommittedOffset } from '../consumer-group';
import type { PartitionLog } from '../partition-log';
import {
  DiskPartitionLog,
  type DiskPartitionLogOptions,
} from './disk-partition-log';
import { syncDirectory, writeFileDurably } from './durable-file';
import {
  decodeGroupFile,
  encodeGroupFile,
  groupFileName,
  isGroupFileName,
} from './group-offsets-file';

export interface DiskBusStorageOptions {
  segmentBytes: number;
  maxReadBytes: number;
  logger: MessagingLogger;
}

/** Kafka's rule for topic names; it also keeps them safe as directory names. */
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const TOPIC_FILE = 'topic.json';
const CONTEXT = 'InProcessMessageBus';

interface GroupState {
  /** What the group committed last (in memory). */
  latest: readonly CommittedOffset[];
  /** What is on disk: compaction only trusts this, since after a crash the group resumes from it. */
  durable: readonly CommittedOffset[] | undefined;
  /** Commits arrived since the write in flight started. */
  dirty: boolean;
  writing: Promise<void> | undefined;
}

/**
 * The bus on disk: `<directory>/topics/<topic>/topic.json` (the partition count) and `<partition>/`
 * segment files, `<directory>/groups/<group>.json` (a group's committed offsets, replaced atomically).
 * After a group's offsets reach the disk, segments every group has read past are deleted.
 */
export class DiskBusStorage implements BusStorage {
  private readonly groups = new Map<string, GroupState>();
  private readonly topics = new Map<string, DiskPartitionLog[]>();
  private closed = false;

  private constructor(
    readonly location: string,
    readonly restoredTopics: ReadonlyMap<string, readonly PartitionLog[]>,
    readonly restoredGroups: ReadonlyMap<string, readonly CommittedOffset[]>,
    private readonly options: DiskBusStorageOptions,
  ) {
    for (const [name, logs] of restoredTopics)
      this.topics.set(name, logs as DiskPartitionLog[]);
    for (const [groupId, offsets] of restoredGroups) {
      this.groups.set(groupId, {
        latest: offsets,
        durable: offsets,
        dirty: false,
        writing: undefined,
      });
    }
  }

  /** Opens (or creates) the directory, checks every segment and reads every group's offsets. */
  static async open(
    directory: string,
    options: DiskBusStorageOptions,
  ): Promise<DiskBusStorage> {
    await mkdir(join(directory, 'topics'), { recursive: true });
    await mkdir(join(directory, 'groups'), { recursive: true });
    const topics = new Map<string, DiskPartitionLog[]>();
    try {
      for (const name of await readdir(join(directory, 'topics'))) {
        const logs = await openTopic(directory, name, options);
        if (logs) topics.set(name, logs);
      }
    } catch (error) {
      await closeAll(topics);
      throw error;
    }
    const groups = new Map<string, CommittedOffset[]>();
    for (const fileName of await readdir(join(directory, 'groups'))) {
      if (!isGroupFileName(fileName)) continue;
      const path = join(directory, 'groups', fileName);
      const group = decodeGroupFile(await readFile(path, 'utf8'), path);
      groups.set(group.groupId, group.offsets);
    }
    return new DiskBusStorage(directory, topics, groups, options);
  }

  async createTopic(name: string, partitions: number): Promise<PartitionLog[]> {
    if (!TOPIC_NAME.test(name) || name === '.' || name === '..') {
      throw new Error(
        `topic name '${name}' cannot be kept on disk: use 1 to 249 letters, digits, '.', '_' or '-' (Kafka's rule)`,
      );
    }
    const topicDirectory = join(this.location, 'topics', name);
    // Left by a creation a crash interrupted (no topic.json, so nothing was ever appended): start afresh.
    await rm(topicDirectory, { recursive: true, force: true });
    await mkdir(topicDirectory);
    const logs: DiskPartitionLog[] = [];
    try {
      for (let partition = 0; partition < partitions; partition++) {
        logs.push(
          await DiskPartitionLog.open(
            join(topicDirectory, String(partition)),
            partitionLogOptions(this.options),
          ),
        );
      }
      await syncDirectory(topicDirectory);
      // Written last: a topic exists once its partition count is on disk.
      await writeFileDurably(
        join(topicDirectory, TOPIC_FILE),
        JSON.stringify({ partitions }),
      );
    } catch (error) {
      await Promise.all(logs.map((log) => log.close()));
      throw error;
    }
    this.topics.set(name, logs);
    return logs;
  }

  saveOffsets(groupId: string, offsets: readonly CommittedOffset[]): void {
    let state = this.groups.get(groupId);
    if (!state) {
      state = {
        latest: offsets,
        durable: undefined,
        dirty: false,
        writing: undefined,
      };
      this.groups.set(groupId, state);
    }
    state.latest = offsets;
    state.dirty = true;
    if (!this.closed) state.writing ??= this.writeOffsets(groupId, state);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // The last commits are written before the files close, so a restart resumes right after them.
    await Promise.all(
      [...this.groups.entries()].map(async ([groupId, state]) => {
        await state.writing;
        // Through `writing`, so no second write of the same file can run alongside.
        if (state.dirty)
          await (state.writing ??= this.writeOffsets(groupId, state));
      }),
    );
    this.closed = true;
    await closeAll(this.topics);
  }

  /** Writes the group's latest offsets until no newer commit is waiting, compacting after each write. */
  private async writeOffsets(
    groupId: string,
    state: GroupState,
  ): Promise<void> {
    // Never settles synchronously (so `writing` is set before it is cleared); commits of this tick join.
    await Promise.resolve();
    try {
      while (state.dirty) {
        state.dirty = false;
        const offsets = state.latest;
        try {
          await writeFileDurably(
            join(this.location, 'groups', groupFileName(groupId)),
            encodeGroupFile(groupId, offsets),
          );
          state.durable = offsets;
          await this.compact(offsets);
        } catch (error) {
          // The offsets stay in memory; the next commit (or close) writes them again. A crash before that
          // redelivers from the offsets on disk.
          state.dirty = true;
          logError(
            this.options.logger,
            `could not write the offsets of group ${groupId}: ${errorMessage(error)}`,
            CONTEXT,
            error instanceof Error ? error.stack : undefined,
          );
          return;
        }
      }
    } finally {
      state.writing = undefined;
    }
  }

  /** Deletes the segments of these partitions that every group has read past (as far as the disk knows). */
  private async compact(offsets: readonly CommittedOffset[]): Promise<void> {
    for (const { topic, partition } of offsets) {
      const log = this.topics.get(topic)?.[partition];
      if (!log) continue;
      const readPast = this.offsetEveryGroupPassed(topic, partition);
      const deleted = await log.deleteSegmentsBefore(readPast);
      if (deleted > 0) {
        this.options.logger.debug?.(
          `compacted ${topic}[${partition}]: ${deleted} segment(s) before offset ${readPast} deleted`,
          CONTEXT,
        );
      }
    }
  }

  /**
   * The lowest position any group holds in this partition: its offset on disk, or, for a group whose
   * first write is still pending, its offset in memory (it must not find its start deleted).
   */
  private offsetEveryGroupPassed(topic: string, partition: number): number {
    let lowest = Number.POSITIVE_INFINITY;
    for (const state of this.groups.values()) {
      const offsets = state.durable ?? state.latest;
      const held = offsets.find(
        (offset) => offset.topic === topic && offset.partition === partition,
      );
      if (held) lowest = Math.min(lowest, held.offset);
    }
    return lowest === Number.POSITIVE_INFINITY ? 0 : lowest;
  }
}

function partitionLogOptions(
  options: DiskBusStorageOptions,
): DiskPartitionLogOptions {
  return {
    segmentBytes: options.segmentBytes,
    maxReadBytes: options.maxReadBytes,
    onTruncated: (tail) =>
      options.logger.warn(
        `cut off ${tail.droppedBytes} bytes at the end of ${tail.path} (${tail.damage}): a write the last ` +
          'run did not finish; its publish had not resolved, so no sender was told it was stored',
        CONTEXT,
      ),
  };
}

/** A topic directory with its partition count on disk, or undefined for an unfinished creation. */
async function openTopic(
  directory: string,
  name: string,
  options: DiskBusStorageOptions,
): Promise<DiskPartitionLog[] | undefined> {
  const topicDirectory = join(directory, 'topics', name);
  let partitions: number;
  try {
    const content = await readFile(join(topicDirectory, TOPIC_FILE), 'utf8');
    partitions = (JSON.parse(content) as { partitions: number }).partitions;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(
      `cannot read ${join(topicDirectory, TOPIC_FILE)}: ${errorMessage(error)}`,
    );
  }
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error(
      `${join(topicDirectory, TOPIC_FILE)} holds no valid partition count`,
    );
  const logs: DiskPartitionLog[] = [];
  try {
    for (let partition = 0; partition < partitions; partition++) {
      logs.push(
        await DiskPartitionLog.open(
          join(topicDirectory, String(partition)),
          partitionLogOptions(options),
        ),
      );
    }
  } catch (error) {
    await Promise.all(logs.map((log) => log.close()));
    throw error;
  }
  return logs;
}

async function closeAll(
  topics: Map<string, DiskPartitionLog[]>,
): Promise<void> {
  await Promise.all([...topics.values()].flat().map((log) => log.close()));
}
