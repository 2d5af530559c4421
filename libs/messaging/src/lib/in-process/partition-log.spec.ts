import { PartitionLog } from './partition-log';

const message = (value: string) => ({
  key: null,
  value: Buffer.from(value),
  headers: {},
  timestamp: '0',
});

describe('PartitionLog', () => {
  it('gives appended messages consecutive offsets from 0', () => {
    const log = new PartitionLog(100);

    expect([
      log.append(message('a')),
      log.append(message('b')),
      log.append(message('c')),
    ]).toEqual([0, 1, 2]);
    expect(log.endOffset).toBe(3);
  });

  it('reads a bounded slice from an offset, in offset order', () => {
    const log = new PartitionLog(100);
    for (const value of ['a', 'b', 'c', 'd']) log.append(message(value));

    expect(
      log.read(1, 2).map((entry) => [entry.offset, entry.value.toString()]),
    ).toEqual([
      [1, 'b'],
      [2, 'c'],
    ]);
    expect(log.read(4, 10)).toEqual([]);
  });

  it('drops the oldest messages beyond the retention limit and keeps offsets stable', () => {
    const log = new PartitionLog(10);
    for (let i = 0; i < 12; i++) log.append(message(`m${i}`));

    expect(log.startOffset).toBe(2);
    expect(log.endOffset).toBe(12);
    // A reader behind the log start continues at the oldest retained message.
    expect(log.read(0, 1).map((entry) => entry.offset)).toEqual([2]);
  });
});
