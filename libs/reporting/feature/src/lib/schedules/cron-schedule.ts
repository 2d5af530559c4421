import type { QueryIssue } from '@pulse/analytics-core';
import { Cron } from 'croner';

/** A checked five-field cron expression, or the issues naming `field` and the rule it broke. */
export type CronCheck = { ok: true } | { ok: false; issues: QueryIssue[] };

/**
 * Checks a schedule's expression: exactly five fields (minute hour day-of-month month day-of-week; no
 * seconds field, no `@daily` nicknames), each as croner reads it, and at least one occurrence ahead.
 */
export function checkCronExpression(expression: string, timeZone: string, now: Date, field = 'cron'): CronCheck {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || expression.trim().startsWith('@')) {
    return {
      ok: false,
      issues: [
        {
          field,
          rule: 'isFiveFieldCron',
          message: `${field} must have five fields (minute hour day-of-month month day-of-week), got ${fields.length}`,
        },
      ],
    };
  }
  let cron: Cron;
  try {
    cron = cronOf(expression, timeZone);
  } catch (error) {
    const reason = (error as Error).message.replace(/^CronPattern:\s*/, '');
    return {
      ok: false,
      issues: [
        {
          field,
          rule: 'isCronExpression',
          message: `${field} is not a valid cron expression: ${reason}`,
        },
      ],
    };
  }
  if (cron.nextRun(now) === null) {
    return {
      ok: false,
      issues: [
        {
          field,
          rule: 'occursAgain',
          message: `${field} never matches a future date`,
        },
      ],
    };
  }
  return { ok: true };
}

/**
 * The first occurrence strictly after `after`, the expression read as wall-clock time in `timeZone`.
 * Across DST (croner's rules, pinned by the unit tests), a fixed time of day (one minute, one hour) runs
 * once on each change: inside the spring-forward gap when the gap ends (02:30 in Europe/Berlin on
 * 29 March 2026 → 03:00 CEST), inside the repeated fall-back hour at its first (summer-time) instance.
 * An interval (`*` or a step in the hour field) follows the clock hours that exist: hourly runs at both
 * 02:00s of the fall-back night and has no 02:00 in the spring gap. Null when it never matches again.
 */
export function nextOccurrence(expression: string, timeZone: string, after: Date): Date | null {
  return cronOf(expression, timeZone).nextRun(after);
}

/**
 * Which occurrence a due schedule runs: the latest one at or before `now`, starting from the due
 * `nextRunAt` (after downtime the older missed ones are skipped: one report of the latest period, not
 * a burst of stale ones), and the first one after `now`.
 */
export function dueOccurrence(expression: string, timeZone: string, nextRunAt: Date, now: Date): { occurrenceAt: Date; nextRunAt: Date | null } {
  const cron = cronOf(expression, timeZone);
  // previousRuns looks strictly before its reference: a second past now includes an occurrence at now.
  const [latest] = cron.previousRuns(1, new Date(now.getTime() + 1_000));
  const occurrenceAt = latest !== undefined && latest.getTime() > nextRunAt.getTime() && latest.getTime() <= now.getTime() ? latest : nextRunAt;
  return { occurrenceAt, nextRunAt: cron.nextRun(now) };
}

function cronOf(expression: string, timeZone: string): Cron {
  // paused: a pattern reader, not a timer.
  return new Cron(expression.trim(), {
    timezone: timeZone,
    paused: true,
    mode: '5-part',
  });
}
