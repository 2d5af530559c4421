import type { OutgoingMessage } from '../message-bus';
import { partitionForKey } from './key-partitioner';
import type { NewMessage, PartitionLog } from './partition-log';

/** A topic of the in-process bus: N partition logs and Kafka's rule for choosing one. */
export class InProcessTopic {
  /** Keyless messages are spread round-robin, as they have no order to keep. */
  private nextKeylessPartition = 0;

  constructor(
    readonly name: string,
    readonly partitions: readonly PartitionLog[],
  ) {}

  /**
   * Appends each message to its partition and resolves once all are stored. Partitions are chosen, and
   * appends started, before the first await: publishes are stored in the order they were called.
   */
  append(
    messages: readonly OutgoingMessage[],
    timestamp: string,
  ): Promise<void> {
    const byPartition = new Map<number, NewMessage[]>();
    for (const message of messages) {
      const partition = this.partitionFor(message.key);
      let batch = byPartition.get(partition);
      if (!batch) byPartition.set(partition, (batch = []));
      batch.push({
        key: message.key ?? null,
        // Copies: a publisher reusing its buffer or headers object must not change what was published.
        value: Buffer.from(message.value),
        headers: { ...message.headers },
        timestamp,
      });
    }
    return Promise.all(
      [...byPartition].map(([partition, batch]) =>
        this.partitions[partition].append(batch),
      ),
    ).then(() => undefined);
  }

  private partitionFor(key: string | null | undefined): number {
    if (key !== null && key !== undefined)
      return partitionForKey(key, this.partitions.length);
    const partition = this.nextKeylessPartition;
    this.nextKeylessPartition = (partition + 1) % this.partitions.length;
    return partition;
  }
}
