import { TenantRateLimiter } from './tenant-rate-limiter';

describe('TenantRateLimiter', () => {
  const T0 = 1_000_000;

  it('lets a burst through, then refuses with the seconds until enough tokens are back', () => {
    const limiter = new TenantRateLimiter({ eventsPerSecond: 10, burst: 20 });

    expect(limiter.take('a', 15, T0)).toEqual({ allowed: true }); // 20 → 5 tokens
    expect(limiter.take('a', 5, T0)).toEqual({ allowed: true }); // 5 → 0
    // 8 events need 8 tokens; at 10/s that is 0.8 s → told to wait 1 s.
    expect(limiter.take('a', 8, T0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // 25 events need 20 (a full bucket, the burst), 2 s of refill.
    expect(limiter.take('a', 25, T0)).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('refills at the sustained rate, never above the burst', () => {
    const limiter = new TenantRateLimiter({ eventsPerSecond: 10, burst: 20 });
    limiter.take('a', 20, T0); // empty

    expect(limiter.take('a', 6, T0 + 500)).toEqual({ allowed: false, retryAfterSeconds: 1 }); // 5 tokens after 0.5 s
    expect(limiter.take('a', 5, T0 + 500)).toEqual({ allowed: true }); // 5 → 0
    // An hour later the bucket holds 20, not 36,000.
    expect(limiter.take('a', 20, T0 + 3_600_500)).toEqual({ allowed: true });
    expect(limiter.take('a', 1, T0 + 3_600_500)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('keeps tenants apart', () => {
    const limiter = new TenantRateLimiter({ eventsPerSecond: 1, burst: 3 });
    expect(limiter.take('a', 3, T0)).toEqual({ allowed: true });
    expect(limiter.take('a', 1, T0).allowed).toBe(false);

    expect(limiter.take('b', 3, T0)).toEqual({ allowed: true });
  });

  it('lets a request larger than the burst through from a full bucket and leaves the debt', () => {
    const limiter = new TenantRateLimiter({ eventsPerSecond: 100, burst: 50 });

    expect(limiter.take('a', 120, T0)).toEqual({ allowed: true }); // 50 → −70
    // One event needs the debt repaid plus one token: 71 tokens at 100/s = 0.71 s → 1 s.
    expect(limiter.take('a', 1, T0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('a', 1, T0 + 710)).toEqual({ allowed: true });
  });

  it('does nothing when the rate is 0 (limiting off)', () => {
    const limiter = new TenantRateLimiter({ eventsPerSecond: 0, burst: 0 });
    for (let i = 0; i < 5; i++) expect(limiter.take('a', 1_000_000, T0)).toEqual({ allowed: true });
    expect(limiter.trackedTenants).toBe(0);
  });

  it('forgets tenants idle for a minute (memory stays bounded by active tenants)', () => {
    const limiter = new TenantRateLimiter({ eventsPerSecond: 1, burst: 1 });
    for (let i = 0; i < 9_999; i++) limiter.take(`t-${i}`, 1, T0);
    expect(limiter.trackedTenants).toBe(9_999);

    limiter.take('late', 1, T0 + 61_000); // the 10,000th call sweeps
    expect(limiter.trackedTenants).toBe(1);
  });

  it('keeps an idle bucket that is not full again yet (forgetting it would hand out a full burst early)', () => {
    const limiter = new TenantRateLimiter({ eventsPerSecond: 1, burst: 1_000 });
    limiter.take('slow', 1_000, T0); // empty: full again after 1,000 s
    for (let i = 1; i < 9_999; i++) limiter.take(`t-${i}`, 1, T0);

    limiter.take('late', 1, T0 + 61_000); // the 10,000th call sweeps
    expect(limiter.take('slow', 100, T0 + 61_000)).toEqual({ allowed: false, retryAfterSeconds: 39 }); // 61 tokens of 100
  });
});
