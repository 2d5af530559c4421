import { timeContext } from '@pulse/analytics-core';
import { DAY_COUNTER_HORIZON_MS } from './live-state-options';

/** What a rebuild of one tenant's live state covers: events since `since`, and the day counters of `localDates`. */
export interface LiveStateHorizon {
  since: Date;
  /** Every tenant-local date the 48-hour horizon touches: today and up to two days before. */
  localDates: string[];
}

export function liveStateHorizon(now: number, timeZone: string): LiveStateHorizon {
  const since = now - DAY_COUNTER_HORIZON_MS;
  const localDates = [...new Set([now, now - 86_400_000, since].map((at) => timeContext(new Date(at), timeZone).localDate))];
  return { since: new Date(since), localDates };
}
