/** Milliseconds since the epoch; tests pass a fixed clock. */
export type Clock = () => number;

export interface LiveStateOptions {
  /** Prefix of every key (default `pulse:live`); tests use their own to stay apart. */
  keyPrefix?: string;
  now?: Clock;
}

/** Nest token for `LiveStateOptions` (optional: the defaults apply without it). */
export const LIVE_STATE_OPTIONS = Symbol('LIVE_STATE_OPTIONS');

/** The windows the live state answers for. */
export const ACTIVE_USER_WINDOWS_MS = { short: 5 * 60_000, long: 30 * 60_000 } as const;
/** A session without events for this long is over (the processor's inactivity gap). */
export const SESSION_INACTIVITY_MS = 30 * 60_000;
/** Events older than this no longer touch the day counters (the reader only shows today). */
export const DAY_COUNTER_HORIZON_MS = 48 * 3_600_000;
/** TTLs: sliding windows outlive their window; day counters outlive their day in every time zone. */
export const SLIDING_WINDOW_TTL_SECONDS = 3_600;
export const DAY_COUNTER_TTL_SECONDS = 3 * 86_400;
