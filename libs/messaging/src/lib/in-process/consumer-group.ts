/**
 * A consumer group of the in-process bus: the committed position per partition, kept by the bus so it
 * outlives every subscription of the group, and which partitions a member is working on right now
 * (one batch per partition at a time, so a partition's order holds even with several members).
 */
export class ConsumerGroup {
  /** Per `topic/partition`: the next offset to deliver (Kafka's committed offset = last processed + 1). */
  private readonly committed = new Map<string, number>();
  private readonly claimed = new Set<string>();

  constructor(readonly groupId: string) {}

  committedOffset(topic: string, partition: number): number | undefined {
    return this.committed.get(partitionId(topic, partition));
  }

  commit(topic: string, partition: number, nextOffset: number): void {
    this.committed.set(partitionId(topic, partition), nextOffset);
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
