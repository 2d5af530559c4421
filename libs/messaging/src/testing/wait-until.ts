/**
 * Polls `condition` until it holds; fails with what was awaited (and the state at the end) when it
 * does not within `timeoutMs`. Tests wait for outcomes, never for a fixed time.
 */
export async function waitUntil(
  condition: () => boolean,
  description: string | (() => string),
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      const what =
        typeof description === 'function' ? description() : description;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
