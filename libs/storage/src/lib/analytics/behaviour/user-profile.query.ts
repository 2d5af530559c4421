import { IDENTIFY_EVENT_TYPE, PROFILE_TOP_EVENT_TYPES, type UserProfileRows, type ValueCount } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { linkedPersonCtes, linkedPersonEventsSql, personSeed } from './linked-person-sql';
import { SqlParameters } from './sql-parameters';

/** How many distinct channels or device types are read; the preferred one is the most frequent. */
const MAX_PREFERENCE_VALUES = 100;

/**
 * The channel an event came through, the first of: `context.campaign.source` (utm_source), the host
 * of `context.referrer` or `context.page.referrer` (lower case), the `channel` property (conversation
 * events: web, whatsapp, …). Null when none is a non-empty string; such events do not vote.
 */
const EVENT_CHANNEL_SQL = `coalesce(
    nullif(CASE WHEN jsonb_typeof(e."context" #> '{campaign,source}') = 'string' THEN e."context" #>> '{campaign,source}' END, ''),
    lower(substring(coalesce(e."context" ->> 'referrer', e."context" #>> '{page,referrer}') FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)')),
    nullif(CASE WHEN jsonb_typeof(e."properties" -> 'channel') = 'string' THEN e."properties" ->> 'channel' END, '')
  )`;

/**
 * What a user profile is assembled from (analytics-core's `assembleUserProfile`), for everyone known
 * as `personId` (identity links, as the journey query), in one statement over the person's events.
 * Engagement counts events in [boundaries[0], boundaries[30]) and active days with `width_bucket`.
 */
export class UserProfileQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async rows(tenantId: string, personId: string, engagementBoundaries: readonly Date[]): Promise<UserProfileRows> {
    const parameters = new SqlParameters();
    const tenant = parameters.add(tenantId);
    const seed = parameters.add(personSeed(personId));
    const boundaries = parameters.add(engagementBoundaries.map((boundary) => boundary.toISOString()));
    const windowStart = parameters.add(engagementBoundaries[0].toISOString());
    const windowEnd = parameters.add(engagementBoundaries[engagementBoundaries.length - 1].toISOString());
    const inWindow = `"occurred_at" >= ${windowStart}::timestamptz AND "occurred_at" < ${windowEnd}::timestamptz`;
    const counts = (column: string, limit: string) =>
      `(SELECT coalesce(json_agg(json_build_object('value', "value", 'count', "count") ORDER BY "count" DESC, "value" COLLATE "C"), '[]'::json) FROM (
          SELECT ${column} AS "value", count(*) AS "count" FROM "mine" WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, ${column} COLLATE "C" LIMIT ${limit}::int
        ) AS "counted")`;
    const [row]: Array<{
      first_seen: Date | null;
      last_seen: Date | null;
      events: string;
      sessions: string;
      event_types: ValueCount[];
      channels: ValueCount[];
      device_types: ValueCount[];
      identifies: Array<{ eventId: string; occurredAt: number; traits: unknown; traitsSetOnce: unknown }>;
      active_days: string;
      window_sessions: string;
      window_events: string;
    }> = await this.sql.query(
      `WITH RECURSIVE ${linkedPersonCtes(tenant, seed)}, "mine" AS MATERIALIZED (
          ${linkedPersonEventsSql(
            `e."event_id", e."type", e."occurred_at", e."session_id", e."device_type", e."properties", ${EVENT_CHANNEL_SQL} AS "channel"`,
            `e."tenant_id" = ${tenant}::uuid`,
          )}
        )
        SELECT min("occurred_at") AS "first_seen", max("occurred_at") AS "last_seen", count(*) AS "events",
               count(DISTINCT "session_id") AS "sessions",
               ${counts('"type"', parameters.add(PROFILE_TOP_EVENT_TYPES))} AS "event_types",
               ${counts('"channel"', parameters.add(MAX_PREFERENCE_VALUES))} AS "channels",
               ${counts('"device_type"', parameters.add(MAX_PREFERENCE_VALUES))} AS "device_types",
               (SELECT coalesce(json_agg(json_build_object('eventId', "event_id", 'occurredAt', extract(epoch FROM "occurred_at")::float8 * 1000,
                                                           'traits', "properties" -> 'traits', 'traitsSetOnce', "properties" -> 'traits_set_once')), '[]'::json)
                  FROM "mine" WHERE "type" = ${parameters.add(IDENTIFY_EVENT_TYPE)}::text) AS "identifies",
               count(DISTINCT width_bucket("occurred_at", ${boundaries}::timestamptz[])) FILTER (WHERE ${inWindow}) AS "active_days",
               count(DISTINCT "session_id") FILTER (WHERE ${inWindow}) AS "window_sessions",
               count(*) FILTER (WHERE ${inWindow}) AS "window_events"
          FROM "mine"`,
      parameters.values,
    );
    return {
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      events: Number(row.events),
      sessions: Number(row.sessions),
      eventTypes: row.event_types.map((entry) => ({ value: entry.value, count: Number(entry.count) })),
      channels: row.channels.map((entry) => ({ value: entry.value, count: Number(entry.count) })),
      deviceTypes: row.device_types.map((entry) => ({ value: entry.value, count: Number(entry.count) })),
      identifies: row.identifies.map((identify) => ({ ...identify, traits: identify.traits ?? undefined, traitsSetOnce: identify.traitsSetOnce ?? undefined })),
      engagement: { activeDays: Number(row.active_days), sessions: Number(row.window_sessions), events: Number(row.window_events) },
    };
  }
}
