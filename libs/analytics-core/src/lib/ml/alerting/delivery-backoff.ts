/** How webhook deliveries are retried: exponential backoff, bounded attempts. */
export interface DeliveryRetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** 6 attempts over about 31 s: 1, 2, 4, 8 and 16 s apart. */
export const DEFAULT_DELIVERY_RETRY_POLICY: DeliveryRetryPolicy = { maxAttempts: 6, initialDelayMs: 1_000, maxDelayMs: 60_000 };

/**
 * After `attemptsMade` failed attempts: wait this long before the next one, or `null` when the
 * attempts are used up (the delivery has failed for good).
 */
export function nextDeliveryDelayMs(attemptsMade: number, policy: DeliveryRetryPolicy = DEFAULT_DELIVERY_RETRY_POLICY): number | null {
  if (attemptsMade >= policy.maxAttempts) return null;
  return Math.min(policy.initialDelayMs * 2 ** Math.max(0, attemptsMade - 1), policy.maxDelayMs);
}
