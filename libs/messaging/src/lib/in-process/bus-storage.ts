import type { CommittedOffset } from './consumer-group';
import type { PartitionLog } from './partition-log';

/**
 * Where the in-process bus keeps its partition logs and committed offsets: in memory (gone with the
 * process) or on disk (kept across restarts). The bus itself is the same either way.
 */
export interface BusStorage {
  /** Where the messages live, for logs and banners: `memory` or the directory. */
  readonly location: string;
  /** Topics kept from an earlier run, with their partition logs (none in memory). */
  readonly restoredTopics: ReadonlyMap<string, readonly PartitionLog[]>;
  /** Each group's committed offsets kept from an earlier run (none in memory). */
  readonly restoredGroups: ReadonlyMap<string, readonly CommittedOffset[]>;
  createTopic(name: string, partitions: number): Promise<PartitionLog[]>;
  /** A group committed: keep its offsets (on disk: written soon, atomically, then old segments compacted). */
  saveOffsets(groupId: string, offsets: readonly CommittedOffset[]): void;
  /** Finishes pending writes and releases files. */
  close(): Promise<void>;
}
