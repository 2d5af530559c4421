import { backoffDelay, sleep } from './retry-backoff';

describe('backoffDelay', () => {
  it('doubles with each consecutive failure up to the cap', () => {
    expect(
      [1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(failures, 100, 1000)),
    ).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('sleep', () => {
  it('ends at once when aborted, leaving no timer behind', async () => {
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);
    controller.abort();

    await expect(sleeping).resolves.toBeUndefined();
  });
});
