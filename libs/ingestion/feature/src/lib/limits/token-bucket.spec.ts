import { msUntilFull, takeFromBucket } from './token-bucket';

describe('takeFromBucket', () => {
  const limit = { eventsPerSecond: 10, burst: 20 };
  const T0 = 1_000_000;

  it('starts a missing bucket full and takes the events from it', () => {
    expect(takeFromBucket(undefined, 15, limit, T0)).toEqual({ bucket: { tokens: 5, updatedAtMs: T0 }, decision: { allowed: true } });
  });

  it('refills by the elapsed time at the sustained rate: 5 tokens + 0.25 s × 10/s = 7.5', () => {
    expect(takeFromBucket({ tokens: 5, updatedAtMs: T0 }, 7, limit, T0 + 250)).toEqual({
      bucket: { tokens: 0.5, updatedAtMs: T0 + 250 },
      decision: { allowed: true },
    });
  });

  it('never refills above the burst: 5 tokens + an hour is 20, not 36,005', () => {
    expect(takeFromBucket({ tokens: 5, updatedAtMs: T0 }, 20, limit, T0 + 3_600_000)).toEqual({
      bucket: { tokens: 0, updatedAtMs: T0 + 3_600_000 },
      decision: { allowed: true },
    });
  });

  it('refuses a request the bucket cannot cover, keeps the refill, and says how many seconds until it can', () => {
    // 2 tokens + 0.1 s × 10/s = 3; 8 events need 5 more: 0.5 s → 1 s.
    expect(takeFromBucket({ tokens: 2, updatedAtMs: T0 }, 8, limit, T0 + 100)).toEqual({
      bucket: { tokens: 3, updatedAtMs: T0 + 100 },
      decision: { allowed: false, retryAfterSeconds: 1 },
    });
    // 0 tokens, 45 events need a full bucket (20): 2 s.
    expect(takeFromBucket({ tokens: 0, updatedAtMs: T0 }, 45, limit, T0).decision).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('lets a request larger than the burst through from a full bucket and leaves the debt', () => {
    expect(takeFromBucket(undefined, 32, limit, T0)).toEqual({ bucket: { tokens: -12, updatedAtMs: T0 }, decision: { allowed: true } });
    // −12 + 1 s × 10/s = −2; one event needs 3 more: 0.3 s → 1 s.
    expect(takeFromBucket({ tokens: -12, updatedAtMs: T0 }, 1, limit, T0 + 1_000).decision).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('takes exactly the last tokens (the edge is inclusive)', () => {
    expect(takeFromBucket({ tokens: 4, updatedAtMs: T0 }, 4, limit, T0).decision).toEqual({ allowed: true });
    expect(takeFromBucket({ tokens: 3.9, updatedAtMs: T0 }, 4, limit, T0).decision).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('does not refill when the clock reads earlier than the bucket (another replica is ahead) and keeps the later time', () => {
    expect(takeFromBucket({ tokens: 5, updatedAtMs: T0 }, 5, limit, T0 - 2_000)).toEqual({
      bucket: { tokens: 0, updatedAtMs: T0 },
      decision: { allowed: true },
    });
  });
});

describe('msUntilFull', () => {
  it('is the time the missing tokens take at the sustained rate', () => {
    expect(msUntilFull(5, { eventsPerSecond: 10, burst: 20 })).toBe(1_500);
    expect(msUntilFull(-12, { eventsPerSecond: 10, burst: 20 })).toBe(3_200);
    expect(msUntilFull(20, { eventsPerSecond: 10, burst: 20 })).toBe(0);
    expect(msUntilFull(0.5, { eventsPerSecond: 3, burst: 1 })).toBe(167); // 1/6 s, rounded up
  });
});
