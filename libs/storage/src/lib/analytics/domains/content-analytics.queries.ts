import type { ContentCounts, HourOfDayViews, ViewSlice } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { PERSON_KEY_SQL } from '../behaviour/event-match-sql';
import { toNumber, type AnalyticsWindow } from './analytics-window';

export type ContentCounters = ContentCounts;

export interface ContentItemCounters extends ContentCounters {
  contentId: string;
  /** The latest title a content event reported; null when none did. */
  title: string | null;
}

export type ContentViewSliceCounters = ViewSlice;

export type ContentHourCounters = HourOfDayViews;

/** The event types content analytics reads (content spec); content_like and content_comment when a tenant sends them. */
const CONTENT_EVENT_TYPES = ['content_view', 'content_pause', 'content_complete', 'content_share', 'content_bookmark', 'content_like', 'content_comment'];

/** A numeric property, or null when it is missing or not a number (a bad value must not fail the whole query). */
const numberProperty = (name: string) => `(CASE WHEN jsonb_typeof(e."properties"->'${name}') = 'number' THEN (e."properties"->>'${name}')::numeric END)`;

const COUNTER_COLUMNS = `
  count(*) FILTER (WHERE e."type" = 'content_view') AS "views",
  count(DISTINCT ${PERSON_KEY_SQL}) FILTER (WHERE e."type" = 'content_view') AS "unique_views",
  count(*) FILTER (WHERE e."type" = 'content_complete') AS "completions",
  count(*) FILTER (WHERE e."type" = 'content_share') AS "shares",
  count(*) FILTER (WHERE e."type" = 'content_bookmark') AS "bookmarks",
  count(*) FILTER (WHERE e."type" = 'content_like') AS "likes",
  count(*) FILTER (WHERE e."type" = 'content_comment') AS "comments",
  coalesce(sum(${numberProperty('watch_time_seconds')}) FILTER (WHERE e."type" IN ('content_pause', 'content_complete')), 0) AS "watch_time"`;

/** The tenant-local hour: the processor's column where it enriched the row, else computed the same way. */
const LOCAL_HOUR = `coalesce(e."hour_of_day", extract(hour FROM e."occurred_at" AT TIME ZONE $4)::int)`;

/**
 * Content analytics from raw content events (content spec `calculate_content_analytics_workflow`). Every
 * statement is scoped to one tenant and binds every value; `contentIds` narrows to those items.
 */
export class ContentAnalyticsQueries {
  constructor(private readonly sql: SqlExecutor) {}

  async totals(window: AnalyticsWindow, contentIds?: readonly string[]): Promise<ContentCounters> {
    const scope = scoped(window, CONTENT_EVENT_TYPES, contentIds);
    const [row] = await this.sql.query(`SELECT ${COUNTER_COLUMNS} FROM "events" e WHERE ${scope.where}`, scope.parameters);
    return countersOf(row);
  }

  /** Per content item with any content event in the window, most viewed first. */
  async byContent(window: AnalyticsWindow, contentIds?: readonly string[]): Promise<ContentItemCounters[]> {
    const scope = scoped(window, CONTENT_EVENT_TYPES, contentIds);
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT e."properties"->>'content_id' AS "content_id",
              (array_agg(e."properties"->>'title' ORDER BY e."occurred_at" DESC) FILTER (WHERE e."properties"->>'title' IS NOT NULL))[1] AS "title",
              ${COUNTER_COLUMNS}
         FROM "events" e
        WHERE ${scope.where} AND e."properties"->>'content_id' IS NOT NULL
        GROUP BY 1
        ORDER BY "views" DESC, 1`,
      scope.parameters,
    );
    return rows.map((row) => ({ contentId: String(row['content_id']), title: row['title'] === null ? null : String(row['title']), ...countersOf(row) }));
  }

  /** content_view events per content item (trending compares two windows of these). */
  async viewsByContent(window: AnalyticsWindow): Promise<Array<{ contentId: string; views: number }>> {
    const scope = scoped(window, ['content_view']);
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT e."properties"->>'content_id' AS "content_id", count(*) AS "views"
         FROM "events" e
        WHERE ${scope.where} AND e."properties"->>'content_id' IS NOT NULL
        GROUP BY 1`,
      scope.parameters,
    );
    return rows.map((row) => ({ contentId: String(row['content_id']), views: toNumber(row['views']) }));
  }

  /** Views per content_view `traffic_source`; views without one are `unknown`. */
  async viewsByTrafficSource(window: AnalyticsWindow, contentIds?: readonly string[]): Promise<ContentViewSliceCounters[]> {
    return this.viewSlices(`coalesce(e."properties"->>'traffic_source', 'unknown')`, window, contentIds);
  }

  /** Views per `device_type` (the processor's user-agent enrichment); rows without one are `unknown`. */
  async viewsByDevice(window: AnalyticsWindow, contentIds?: readonly string[]): Promise<ContentViewSliceCounters[]> {
    return this.viewSlices(`coalesce(e."device_type", 'unknown')`, window, contentIds);
  }

  /** Views per hour of the tenant's local day (0–23), hours with views only. */
  async viewsByHourOfDay(window: AnalyticsWindow, contentIds?: readonly string[]): Promise<ContentHourCounters[]> {
    const scope = scoped(window, ['content_view'], contentIds, [window.timeZone]);
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT ${LOCAL_HOUR} AS "hour", count(*) AS "views" FROM "events" e WHERE ${scope.where} GROUP BY 1 ORDER BY 1`,
      scope.parameters,
    );
    return rows.map((row) => ({ hour: toNumber(row['hour']), views: toNumber(row['views']) }));
  }

  /** `key` is one of the fixed expressions above, never text from a request. */
  private async viewSlices(key: string, window: AnalyticsWindow, contentIds?: readonly string[]): Promise<ContentViewSliceCounters[]> {
    const scope = scoped(window, ['content_view'], contentIds);
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT ${key} AS "key", count(*) AS "views" FROM "events" e WHERE ${scope.where} GROUP BY 1 ORDER BY 2 DESC, 1`,
      scope.parameters,
    );
    return rows.map((row) => ({ key: String(row['key']), views: toNumber(row['views']) }));
  }
}

/**
 * The tenant, the window and the event types as $1–$3, then `leading` (e.g. the time zone as $4), then
 * the content ids as the last parameter when given.
 */
function scoped(window: AnalyticsWindow, eventTypes: readonly string[], contentIds?: readonly string[], leading: unknown[] = []) {
  const parameters: unknown[] = [window.tenantId, window.start, window.end, ...leading, [...eventTypes]];
  const conditions = [`e."tenant_id" = $1`, `e."occurred_at" >= $2`, `e."occurred_at" < $3`, `e."type" = ANY($${parameters.length}::text[])`];
  if (contentIds !== undefined) {
    parameters.push([...contentIds]);
    conditions.push(`e."properties"->>'content_id' = ANY($${parameters.length}::text[])`);
  }
  return { where: conditions.join(' AND '), parameters };
}

function countersOf(row: Record<string, unknown>): ContentCounters {
  return {
    views: toNumber(row['views']),
    uniqueViews: toNumber(row['unique_views']),
    completions: toNumber(row['completions']),
    shares: toNumber(row['shares']),
    bookmarks: toNumber(row['bookmarks']),
    likes: toNumber(row['likes']),
    comments: toNumber(row['comments']),
    watchTimeSeconds: toNumber(row['watch_time']),
  };
}
