import { DEFAULT_DELIVERY_RETRY_POLICY, nextDeliveryDelayMs } from './delivery-backoff';

describe('nextDeliveryDelayMs', () => {
  it('doubles the wait after each failed attempt: 1, 2, 4, 8, 16 s, then gives up after the sixth', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attemptsMade) => nextDeliveryDelayMs(attemptsMade));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, null]);
    expect(DEFAULT_DELIVERY_RETRY_POLICY.maxAttempts).toBe(6);
  });

  it('caps the wait at the policy maximum', () => {
    const policy = { maxAttempts: 20, initialDelayMs: 1_000, maxDelayMs: 10_000 };
    expect([4, 5, 6].map((attemptsMade) => nextDeliveryDelayMs(attemptsMade, policy))).toEqual([8_000, 10_000, 10_000]);
  });
});
