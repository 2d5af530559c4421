import {
  correctClockSkew,
  isIsoTimestampWithOffset,
  subtractMilliseconds,
} from '../validation/timestamps';

/**
 * When a Segment or PostHog event happened, on the server's clock:
 * - timestamp and sentAt: `receivedAt - (sentAt - timestamp)` (the client's clock may be off);
 * - timestamp alone: as given;
 * - no timestamp but an offset (PostHog: "this many ms ago"): `receivedAt - offset`;
 * - nothing: `receivedAt`.
 * An invalid timestamp is returned unchanged, for validation to report under `timestamp`.
 */
export function resolveEventTime(times: {
  timestamp: unknown;
  sentAt?: string;
  offsetMs?: number;
  receivedAt: string;
}): unknown {
  const { timestamp, sentAt, offsetMs, receivedAt } = times;
  if (timestamp == null)
    return offsetMs === undefined
      ? receivedAt
      : subtractMilliseconds(receivedAt, offsetMs);
  if (!isIsoTimestampWithOffset(timestamp) || sentAt === undefined)
    return timestamp;
  return correctClockSkew({ timestamp, sentAt, receivedAt });
}
