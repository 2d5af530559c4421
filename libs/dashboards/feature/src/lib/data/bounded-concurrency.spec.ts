import { mapWithConcurrency } from './bounded-concurrency';

describe('mapWithConcurrency', () => {
  it('never runs more than the limit at once and answers in the items’ order', async () => {
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const done = mapWithConcurrency([1, 2, 3, 4, 5], 2, async (item) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
      return item * 10;
    });
    // Release in reverse order of arrival each time two are waiting: results still follow the items.
    while (releases.length > 0 || running > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.splice(0).reverse().forEach((release) => release());
    }
    expect(await done).toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
  });

  it('answers an empty list without calling the task', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});
