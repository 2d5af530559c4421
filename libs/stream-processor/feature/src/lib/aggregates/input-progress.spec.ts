import { minutesToClose } from '@pulse/analytics-core';
import { TOPICS } from '@pulse/contracts';
import { MemoryCacheStore } from '@pulse/cache';
import { InProcessMessageBus, type ReceivedMessage } from '@pulse/messaging';
import { DEFAULT_STREAM_PROCESSOR_OPTIONS, type StreamProcessorOptions } from '../stream-processor-options';
import { InputProgress } from './input-progress';

const RAW = 'raw-under-test';
const LATENESS_MS = 15_000;
const at = (time: string) => Date.parse(`2026-03-10T${time}Z`);
const options: StreamProcessorOptions = {
  ...DEFAULT_STREAM_PROCESSOR_OPTIONS,
  groupId: 'processor-under-test',
  topics: new Map([[TOPICS.rawEvents, RAW]]),
};
const stored = (partition: number, offset: number, time: number): ReceivedMessage => ({
  topic: RAW,
  partition,
  offset: String(offset),
  key: null,
  value: Buffer.from('{}'),
  headers: {},
  timestamp: String(time),
});

describe('the input progress minute closing follows, on the in-process bus, with a controlled clock', () => {
  let bus: InProcessMessageBus;
  let progress: InputProgress;

  beforeEach(async () => {
    bus = new InProcessMessageBus({ defaultPartitions: 2 });
    await bus.ensureTopics([RAW], 2);
    progress = new InputProgress(bus, new MemoryCacheStore(), options);
  });

  afterEach(() => bus.close());

  it('is the wall clock while the group has nothing left to read', async () => {
    expect(await progress.watermark(at('10:09:00'))).toBe(at('10:09:00'));
  });

  it('holds minute closing, whatever the clock says, while a partition lags and nothing of it was stored here', async () => {
    await bus.publish(RAW, [{ key: 'a', value: '{}' }]);
    expect(await progress.watermark(at('10:30:00'))).toBeNull();
  });

  it('follows the last message stored from the lagging partition: a processor 20 minutes behind closes the minutes it stored', async () => {
    await bus.publish(RAW, [{ key: 'a', value: '{}' }]);
    const [lagging] = (await bus.consumerLag(options.groupId, [RAW])).filter(({ lag }) => lag > 0);
    // The other partition is caught up (empty): only the lagging one holds the watermark.
    await progress.recordStored([stored(lagging.partition, 0, at('10:08:20'))]);
    const now = at('10:30:00');
    const watermark = await progress.watermark(now);
    expect(watermark).toBe(at('10:08:20'));
    // By the wall clock 10:28 would close; by the input, 10:07 (ended 10:08:00, 15 s of lateness passed), not 10:08.
    expect(minutesToClose(now, LATENESS_MS, null, 5)).toEqual([at('10:28:00')]);
    expect(minutesToClose(watermark ?? 0, LATENESS_MS, null, 5)).toEqual([at('10:07:00')]);
  });

  it('tells how far another replica stored its partitions, through the shared cache (no replica holds the others back)', async () => {
    await bus.publish(RAW, [{ key: 'a', value: '{}' }]);
    const [lagging] = (await bus.consumerLag(options.groupId, [RAW])).filter(({ lag }) => lag > 0);
    const cache = new MemoryCacheStore();
    const storing = new InputProgress(bus, cache, options);
    const closing = new InputProgress(bus, cache, options);
    await storing.recordStored([stored(lagging.partition, 0, at('10:08:20'))]);
    expect(await closing.watermark(at('10:30:00'))).toBe(at('10:08:20'));
  });

  it('returns to the wall clock once the group committed everything', async () => {
    await bus.publish(RAW, [{ key: 'a', value: '{}' }]);
    const subscription = await bus.subscribe({
      groupId: options.groupId,
      topics: [RAW],
      handleBatch: async (messages) => progress.recordStored(messages),
    });
    const now = at('10:30:00');
    for (let attempt = 0; attempt < 100 && (await progress.watermark(now)) !== now; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await progress.watermark(now)).toBe(now);
    await subscription.close();
  });
});
