/** Exponential backoff after consecutive handler failures: initial, 2×, 4×… capped at `maxMs`. */
export function backoffDelay(
  consecutiveFailures: number,
  initialMs: number,
  maxMs: number,
): number {
  return Math.min(initialMs * 2 ** Math.max(0, consecutiveFailures - 1), maxMs);
}

/** Resolves after `ms`, or at once when `signal` aborts (closing must not wait out a backoff). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
