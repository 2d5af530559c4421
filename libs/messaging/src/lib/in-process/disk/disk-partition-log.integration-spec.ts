import { appendFile, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskPartitionLog } from './disk-partition-log';
import { encodeRecord } from './log-record';
import type { TruncatedTail } from './log-segment';

const message = (value: string) => ({
  key: 'k',
  value: Buffer.from(value),
  headers: {},
  timestamp: '1700000000000',
});
// Key 'k', no headers, a 3-byte value: 8 + 24 + 1 + 3 = 36 bytes on disk.
const RECORD_BYTES = 36;

const offsetsAndValues = (entries: { offset: number; value: Buffer }[]) =>
  entries.map((entry) => [entry.offset, entry.value.toString()]);

describe('DiskPartitionLog', () => {
  let root: string;
  const opened: DiskPartitionLog[] = [];
  const truncated: TruncatedTail[] = [];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pulse-partition-log-'));
    truncated.length = 0;
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((log) => log.close()));
    await rm(root, { recursive: true, force: true });
  });

  async function openLog(
    segmentBytes = 1024 * 1024,
  ): Promise<DiskPartitionLog> {
    const log = await DiskPartitionLog.open(join(root, '0'), {
      segmentBytes,
      maxReadBytes: 1024 * 1024,
      onTruncated: (tail) => truncated.push(tail),
    });
    opened.push(log);
    return log;
  }

  const segmentFiles = async () => (await readdir(join(root, '0'))).sort();

  it('keeps appended messages and their offsets when opened again', async () => {
    const first = await openLog();
    await first.append(['m00', 'm01'].map(message));
    await first.append([message('m02')]);
    await first.close();

    const second = await openLog();
    expect([second.startOffset, second.endOffset]).toEqual([0, 3]);
    await second.append([message('m03')]);

    expect(offsetsAndValues(await second.read(0, 10))).toEqual([
      [0, 'm00'],
      [1, 'm01'],
      [2, 'm02'],
      [3, 'm03'],
    ]);
    expect(offsetsAndValues(await second.read(2, 1))).toEqual([[2, 'm02']]);
    expect(truncated).toEqual([]);
  });

  it('cuts off a record a crash tore at the end and continues at the next offset', async () => {
    const first = await openLog();
    await first.append(['m00', 'm01', 'm02'].map(message));
    await first.close();
    // What SIGKILL in the middle of a write leaves: the first 20 bytes of the record for offset 3.
    const segment = join(root, '0', '00000000000000000000.log');
    const torn = encodeRecord({ ...message('m03'), offset: 3 }).subarray(0, 20);
    await appendFile(segment, torn);

    const second = await openLog();

    expect(second.endOffset).toBe(3);
    expect(truncated).toEqual([
      {
        path: segment,
        keptBytes: 3 * RECORD_BYTES,
        droppedBytes: 20,
        damage: `a record cut short at byte ${3 * RECORD_BYTES}`,
      },
    ]);
    expect((await stat(segment)).size).toBe(3 * RECORD_BYTES);
    await second.append([message('new')]);
    expect(offsetsAndValues(await second.read(2, 10))).toEqual([
      [2, 'm02'],
      [3, 'new'],
    ]);
  });

  it('refuses to open when a segment before the last is damaged, naming the file', async () => {
    const first = await openLog(2 * RECORD_BYTES);
    await first.append(['m00', 'm01'].map(message));
    await first.append(['m02'].map(message));
    await first.close();
    await appendFile(join(root, '0', '00000000000000000000.log'), 'garbage');

    await expect(openLog()).rejects.toThrow(
      /00000000000000000000\.log is damaged \(a record header cut short at byte 72\)/,
    );
  });

  it('starts a new segment when an append would pass the size, keeping each append whole', async () => {
    const log = await openLog(3 * RECORD_BYTES);
    await log.append(['m00', 'm01'].map(message)); // 72 bytes
    await log.append(['m02', 'm03'].map(message)); // 72 + 72 > 108: new segment at offset 2
    await log.append(['m04', 'm05', 'm06', 'm07'].map(message)); // larger than a segment: alone in one

    expect(await segmentFiles()).toEqual([
      '00000000000000000000.log',
      '00000000000000000002.log',
      '00000000000000000004.log',
    ]);
    // A read stays within one segment; the next read continues in the next one.
    expect(offsetsAndValues(await log.read(1, 10))).toEqual([[1, 'm01']]);
    expect(offsetsAndValues(await log.read(2, 10))).toEqual([
      [2, 'm02'],
      [3, 'm03'],
    ]);
    expect(offsetsAndValues(await log.read(5, 2))).toEqual([
      [5, 'm05'],
      [6, 'm06'],
    ]);
  });

  it('deletes only whole segments before an offset, never the one taking appends', async () => {
    const log = await openLog(2 * RECORD_BYTES);
    for (let i = 0; i < 6; i += 2)
      await log.append([message(`m0${i}`), message(`m0${i + 1}`)]);
    // Segments start at 0, 2, 4.

    expect(await log.deleteSegmentsBefore(3)).toBe(1);
    expect(await segmentFiles()).toEqual([
      '00000000000000000002.log',
      '00000000000000000004.log',
    ]);
    expect(log.startOffset).toBe(2);
    // A reader behind the log start continues at the oldest message kept.
    expect(offsetsAndValues(await log.read(0, 1))).toEqual([[2, 'm02']]);

    expect(await log.deleteSegmentsBefore(100)).toBe(1);
    expect(await segmentFiles()).toEqual(['00000000000000000004.log']);
    expect([log.startOffset, log.endOffset]).toEqual([4, 6]);
  });

  it('stores concurrent appends whole, in the order they were made', async () => {
    const log = await openLog();
    await Promise.all(
      Array.from({ length: 50 }, (_, call) =>
        log.append([message(`a${call}`), message(`b${call}`)]),
      ),
    );

    const stored = (await log.read(0, 1000)).map((entry) =>
      entry.value.toString(),
    );
    expect(stored).toEqual(
      Array.from({ length: 50 }, (_, call) => [`a${call}`, `b${call}`]).flat(),
    );
  });

  it('refuses appends once closed', async () => {
    const log = await openLog();
    await log.close();

    await expect(log.append([message('m00')])).rejects.toThrow('closed');
  });
});
