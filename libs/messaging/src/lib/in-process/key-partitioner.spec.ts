import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { partitionForKey } from './key-partitioner';

/** What kafkajs's Java-compatible default partitioner answers for a key (every partition has a leader). */
function kafkaPartition(key: string, partitionCount: number): number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from(
    { length: partitionCount },
    (_, partitionId) => ({
      partitionId,
      leader: 1,
      partitionErrorCode: 0,
      replicas: [1],
      isr: [1],
    }),
  );
  const args: PartitionerArgs = {
    topic: 't',
    partitionMetadata,
    message: { key, value: 'v' },
  };
  return partitioner(args);
}

describe('partitionForKey', () => {
  it('sends a key to the same partition as Kafka’s default partitioner', () => {
    const keys = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'tenant-1:user-7',
      'tenant-42:anonymous-0f3c',
      'ключ',
      '🙂',
    ];
    for (const partitionCount of [1, 3, 7, 12]) {
      for (const key of keys) {
        expect({
          key,
          partitionCount,
          partition: partitionForKey(key, partitionCount),
        }).toEqual({
          key,
          partitionCount,
          partition: kafkaPartition(key, partitionCount),
        });
      }
    }
  });

  it('always answers the same partition for the same key', () => {
    expect(partitionForKey('tenant-1:user-7', 3)).toBe(
      partitionForKey('tenant-1:user-7', 3),
    );
  });
});
