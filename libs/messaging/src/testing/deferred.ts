/** A promise resolved from outside: lets a test hold a handler mid-batch and release it later. */
export interface Deferred {
  readonly promise: Promise<void>;
  readonly settled: boolean;
  resolve(): void;
}

export function deferred(): Deferred {
  let resolvePromise!: () => void;
  const state = { settled: false };
  const promise = new Promise<void>((resolve) => (resolvePromise = resolve));
  return {
    promise,
    get settled() {
      return state.settled;
    },
    resolve() {
      state.settled = true;
      resolvePromise();
    },
  };
}
