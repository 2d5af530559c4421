/** A group's position in one partition: the next offset to deliver (Kafka's committed offset). */
export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: number;
}

/**
 * A consumer group of the in-process bus: the committed position per partition, kept by the bus so it
 * outlives every subscription of the group, and which partitions a member is working on right now
 * (one batch per partition at a time, so a partition's order holds even with several members).
 */
export class ConsumerGroup {
  /** Per `topic/partition`. */
  private readonly committed = new Map<string, CommittedOffset>();
  private readonly claimed = new Set<string>();

  /**
   * @param restored offsets kept from an earlier run (on disk)
   * @param onCommit told after every commit, e.g. to write the offsets to disk
   */
  constructor(
    readonly groupId: string,
    restored: readonly CommittedOffset[] = [],
    private readonly onCommit?: (group: ConsumerGroup) => void,
  ) {
    for (const { topic, partition, offset } of restored) {
      this.committed.set(partitionId(topic, partition), {
        topic,
        partition,
        offset,
      });
    }
  }

  committedOffset(topic: string, partition: number): number | undefined {
    return this.committed.get(partitionId(topic, partition))?.offset;
  }

  commit(topic: string, partition: number, nextOffset: number): void {
    this.committed.set(partitionId(topic, partition), {
      topic,
      partition,
      offset: nextOffset,
    });
    this.onCommit?.(this);
  }

  /** Every committed position, as copies. */
  offsets(): CommittedOffset[] {
    return [...this.committed.values()].map((offset) => ({ ...offset }));
  }

  /** True when the caller may deliver a batch of this partition; it must `release` it afterwards. */
  claim(topic: string, partition: number): boolean {
    const id = partitionId(topic, partition);
    if (this.claimed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }

  release(topic: string, partition: number): void {
    this.claimed.delete(partitionId(topic, partition));
  }
}

function partitionId(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}
