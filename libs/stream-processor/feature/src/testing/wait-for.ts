/**
 * Polls `check` until it returns a value other than undefined; fails naming what was awaited and the
 * last state seen when `timeoutMs` passes. Tests wait for outcomes, never for a fixed time.
 */
export async function waitFor<T>(
  description: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  lastState: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const state = lastState();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${state ? ` (last seen: ${state})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
