import { IsIntegerInRange, loadConfig, type Environment } from '@pulse/config';
import type { RateLimit } from './token-bucket';

/** Segment's limits: 32 KB of JSON per event, 500 KB per request. */
export const DEFAULT_MAX_EVENT_BYTES = 32 * 1024;
export const DEFAULT_MAX_BATCH_BYTES = 500 * 1024;

/**
 * The accepted event-time window, after clock-skew correction, relative to when Pulse received the
 * event: up to 24 hours ahead (time zones and sloppy clocks; anything further is a broken clock) and up
 * to 365 days back (late mobile uploads and imports of the past year; older is a zeroed clock or a
 * bug, and would land in rollups nobody looks at any more).
 */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;
export const MAX_EVENT_AGE_MS = 365 * 24 * 60 * 60 * 1000;

/** How long a request waits for the broker to acknowledge before answering 503 (see RawEventPublisher). */
export const PUBLISH_TIMEOUT_MS = 5_000;
/** Seconds a client is told to wait after a 503. */
export const RETRY_AFTER_SECONDS = 5;
/** Events waiting for an acknowledgement, across requests; beyond this, requests get 503 at once. */
export const MAX_PENDING_EVENTS = 100_000;

/** Per tenant and replica: generous enough for any real site, low enough that one runaway client cannot starve the rest. */
export const DEFAULT_RATE_LIMIT_PER_SECOND = 20_000;
export const DEFAULT_RATE_LIMIT_BURST = 40_000;

export interface IngestionLimits {
  /** Largest single event, as JSON bytes (and largest body of a single-event request). */
  maxEventBytes: number;
  /** Largest request body (after decompression) of a batch request. */
  maxBatchBytes: number;
  maxFutureSkewMs: number;
  maxEventAgeMs: number;
  publishTimeoutMs: number;
  retryAfterSeconds: number;
  maxPendingEvents: number;
  rateLimit: RateLimit;
}

export const INGESTION_LIMITS = Symbol('INGESTION_LIMITS');

/** The limits operators may change; read once at start. */
class IngestionEnvironment {
  @IsIntegerInRange(1024, 1024 * 1024)
  INGESTION_MAX_EVENT_BYTES = DEFAULT_MAX_EVENT_BYTES;

  @IsIntegerInRange(1024, 16 * 1024 * 1024)
  INGESTION_MAX_BATCH_BYTES = DEFAULT_MAX_BATCH_BYTES;

  /** 0 turns per-tenant rate limiting off. */
  @IsIntegerInRange(0, 10_000_000)
  INGESTION_RATE_LIMIT_PER_SECOND = DEFAULT_RATE_LIMIT_PER_SECOND;

  @IsIntegerInRange(1, 100_000_000)
  INGESTION_RATE_LIMIT_BURST = DEFAULT_RATE_LIMIT_BURST;
}

/**
 * The defaults above, with `INGESTION_MAX_EVENT_BYTES`, `INGESTION_MAX_BATCH_BYTES`,
 * `INGESTION_RATE_LIMIT_PER_SECOND` and `INGESTION_RATE_LIMIT_BURST` from the environment when set. @throws ConfigValidationError naming a malformed variable.
 */
export function loadIngestionLimits(env: Environment = process.env): IngestionLimits {
  const config = loadConfig(IngestionEnvironment, env);
  if (config.INGESTION_MAX_BATCH_BYTES < config.INGESTION_MAX_EVENT_BYTES) {
    throw new RangeError('INGESTION_MAX_BATCH_BYTES must be at least INGESTION_MAX_EVENT_BYTES');
  }
  return {
    maxEventBytes: config.INGESTION_MAX_EVENT_BYTES,
    maxBatchBytes: config.INGESTION_MAX_BATCH_BYTES,
    maxFutureSkewMs: MAX_FUTURE_SKEW_MS,
    maxEventAgeMs: MAX_EVENT_AGE_MS,
    publishTimeoutMs: PUBLISH_TIMEOUT_MS,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    maxPendingEvents: MAX_PENDING_EVENTS,
    rateLimit: { eventsPerSecond: config.INGESTION_RATE_LIMIT_PER_SECOND, burst: config.INGESTION_RATE_LIMIT_BURST },
  };
}
