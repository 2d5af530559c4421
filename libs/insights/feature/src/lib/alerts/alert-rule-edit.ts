import type { AlertRuleDefinition } from '@pulse/ml-data-access';
import { isDeepStrictEqual } from 'node:util';

/**
 * Whether an edit leaves a rule watching the same thing: the same metric query (zone and filters
 * included), condition and granularity, enabled before and after. Such an edit (a new name, cooldown or
 * webhook) keeps the open incident, whose recovery is notified when the metric clears. Any other edit
 * ends it: the new rule may not even describe it, and disabling stops judging it.
 */
export function watchesTheSame(previous: AlertRuleDefinition, next: AlertRuleDefinition): boolean {
  return (
    previous.enabled &&
    next.enabled &&
    previous.granularity === next.granularity &&
    isDeepStrictEqual(plain(previous.condition), plain(next.condition)) &&
    isDeepStrictEqual(plain(previous.query), plain(next.query))
  );
}

/** As stored (JSON): request DTO instances and rows read back compare by their fields alone, in any key order. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
