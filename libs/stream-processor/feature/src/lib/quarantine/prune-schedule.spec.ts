import { PruneSchedule } from './prune-schedule';

describe('PruneSchedule', () => {
  it('prunes a tenant the first time it is seen', () => {
    expect(new PruneSchedule(10_000).isDue('a', 1, 0)).toBe(true);
  });

  it('waits until the tenant has gained 1 % of its bound, within the minute', () => {
    const schedule = new PruneSchedule(10_000);
    schedule.pruned('a', 0);
    expect(schedule.isDue('a', 60, 1_000)).toBe(false);
    expect(schedule.isDue('a', 39, 2_000)).toBe(false);
    expect(schedule.isDue('a', 1, 3_000)).toBe(true); // 100 = 1 % of 10,000
  });

  it('prunes after a minute however little was added, so old events go on time', () => {
    const schedule = new PruneSchedule(10_000);
    schedule.pruned('a', 0);
    expect(schedule.isDue('a', 1, 59_999)).toBe(false);
    expect(schedule.isDue('a', 1, 60_000)).toBe(true);
  });

  it('prunes on every batch when the bound is under a hundred events', () => {
    const schedule = new PruneSchedule(3);
    schedule.pruned('a', 0);
    expect(schedule.isDue('a', 1, 1)).toBe(true);
  });

  it('keeps tenants apart', () => {
    const schedule = new PruneSchedule(10_000);
    schedule.pruned('a', 0);
    expect(schedule.isDue('b', 1, 1)).toBe(true);
    expect(schedule.isDue('a', 1, 1)).toBe(false);
  });
});
