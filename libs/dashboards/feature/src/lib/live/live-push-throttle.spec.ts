import { LivePushThrottle } from './live-push-throttle';

describe('LivePushThrottle', () => {
  let clock = 0;
  let pushes: string[];
  let throttle: LivePushThrottle;

  beforeEach(() => {
    jest.useFakeTimers();
    clock = 10_000;
    pushes = [];
    throttle = new LivePushThrottle(1_000, (key) => pushes.push(`${key}@${clock}`), () => clock);
  });

  afterEach(() => {
    throttle.close();
    jest.useRealTimers();
  });

  const advance = (ms: number) => {
    clock += ms;
    jest.advanceTimersByTime(ms);
  };

  it('pushes the first notice at once and folds the next ones within a second into one push at its end', () => {
    throttle.notify('t1');
    advance(100);
    throttle.notify('t1');
    advance(100);
    throttle.notify('t1');
    expect(pushes).toEqual(['t1@10000']);
    advance(800);
    expect(pushes).toEqual(['t1@10000', 't1@11000']);
    advance(5_000);
    expect(pushes).toHaveLength(2);
  });

  it('throttles each tenant on its own', () => {
    throttle.notify('t1');
    throttle.notify('t2');
    expect(pushes).toEqual(['t1@10000', 't2@10000']);
  });

  it('drops a pending push when the tenant is forgotten', () => {
    throttle.notify('t1');
    throttle.notify('t1');
    throttle.forget('t1');
    advance(2_000);
    expect(pushes).toEqual(['t1@10000']);
  });
});
