import type { BusStorage } from './bus-storage';
import type { CommittedOffset } from './consumer-group';
import { MemoryPartitionLog } from './memory-partition-log';
import type { PartitionLog } from './partition-log';

/** Everything in memory: nothing is restored, nothing outlives the process. */
export class MemoryBusStorage implements BusStorage {
  readonly location = 'memory';
  readonly restoredTopics = new Map<string, readonly PartitionLog[]>();
  readonly restoredGroups = new Map<string, readonly CommittedOffset[]>();

  constructor(private readonly retainedMessagesPerPartition: number) {}

  async createTopic(
    _name: string,
    partitions: number,
  ): Promise<PartitionLog[]> {
    return Array.from(
      { length: partitions },
      () => new MemoryPartitionLog(this.retainedMessagesPerPartition),
    );
  }

  saveOffsets(): void {
    // The group's own map is the only copy.
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}
