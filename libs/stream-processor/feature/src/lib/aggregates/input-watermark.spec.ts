import { inputPartitionKey, inputWatermark } from './input-watermark';

const NOW = Date.parse('2026-03-10T10:08:20Z');
const raw0 = inputPartitionKey('pulse.events.raw.v1', 0);
const raw1 = inputPartitionKey('pulse.events.raw.v1', 1);

describe('the input watermark minute closing follows', () => {
  it('is the wall clock when no partition lags', () => {
    expect(inputWatermark(NOW, [], new Map([[raw0, NOW - 600_000]]))).toBe(NOW);
  });

  it('is the time of the last message stored from a lagging partition', () => {
    const stored = Date.parse('2026-03-10T10:02:05Z');
    expect(inputWatermark(NOW, [raw0], new Map([[raw0, stored]]))).toBe(stored);
  });

  it('is the earliest over the lagging partitions; partitions caught up do not hold it back', () => {
    const stored = new Map([
      [raw0, Date.parse('2026-03-10T10:05:00Z')],
      [raw1, Date.parse('2026-03-10T10:03:00Z')],
      [inputPartitionKey('system.metrics.v1', 0), Date.parse('2026-03-10T09:00:00Z')],
    ]);
    expect(inputWatermark(NOW, [raw0, raw1], stored)).toBe(Date.parse('2026-03-10T10:03:00Z'));
  });

  it('never runs ahead of the wall clock (message times from a clock ahead of ours)', () => {
    expect(inputWatermark(NOW, [raw0], new Map([[raw0, NOW + 5_000]]))).toBe(NOW);
  });

  it('is unknown while a lagging partition has stored nothing here (a restart before its first batch, another replica’s)', () => {
    expect(inputWatermark(NOW, [raw0, raw1], new Map([[raw0, NOW - 1_000]]))).toBeNull();
  });
});
