import { MemoryPartitionLog } from './memory-partition-log';

const message = (value: string) => ({
  key: null,
  value: Buffer.from(value),
  headers: {},
  timestamp: '0',
});

const offsetsAndValues = (entries: { offset: number; value: Buffer }[]) =>
  entries.map((entry) => [entry.offset, entry.value.toString()]);

describe('MemoryPartitionLog', () => {
  it('gives appended messages consecutive offsets from 0', async () => {
    const log = new MemoryPartitionLog(100);
    await log.append([message('a'), message('b')]);
    await log.append([message('c')]);

    expect(log.endOffset).toBe(3);
    expect(offsetsAndValues(await log.read(0, 10))).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ]);
  });

  it('reads a bounded slice from an offset, in offset order', async () => {
    const log = new MemoryPartitionLog(100);
    await log.append(['a', 'b', 'c', 'd'].map(message));

    expect(offsetsAndValues(await log.read(1, 2))).toEqual([
      [1, 'b'],
      [2, 'c'],
    ]);
    expect(await log.read(4, 10)).toEqual([]);
  });

  it('drops the oldest messages beyond the retention limit and keeps offsets stable', async () => {
    const log = new MemoryPartitionLog(10);
    for (let i = 0; i < 12; i++) await log.append([message(`m${i}`)]);

    expect(log.startOffset).toBe(2);
    expect(log.endOffset).toBe(12);
    // A reader behind the log start continues at the oldest retained message.
    expect((await log.read(0, 1)).map((entry) => entry.offset)).toEqual([2]);
  });
});
