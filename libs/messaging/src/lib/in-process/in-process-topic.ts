import type { OutgoingMessage } from '../message-bus';
import { partitionForKey } from './key-partitioner';
import { PartitionLog } from './partition-log';

/** A topic of the in-process bus: N partition logs and Kafka's rule for choosing one. */
export class InProcessTopic {
  readonly partitions: readonly PartitionLog[];
  /** Keyless messages are spread round-robin, as they have no order to keep. */
  private nextKeylessPartition = 0;

  constructor(
    readonly name: string,
    partitionCount: number,
    retainedMessagesPerPartition: number,
  ) {
    this.partitions = Array.from(
      { length: partitionCount },
      () => new PartitionLog(retainedMessagesPerPartition),
    );
  }

  append(message: OutgoingMessage, timestamp: string): void {
    const partition = this.partitionFor(message.key);
    this.partitions[partition].append({
      key: message.key ?? null,
      // Copies: a publisher reusing its buffer or headers object must not change what was published.
      value: Buffer.from(message.value),
      headers: { ...message.headers },
      timestamp,
    });
  }

  private partitionFor(key: string | null | undefined): number {
    if (key !== null && key !== undefined)
      return partitionForKey(key, this.partitions.length);
    const partition = this.nextKeylessPartition;
    this.nextKeylessPartition = (partition + 1) % this.partitions.length;
    return partition;
  }
}
