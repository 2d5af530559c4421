import type { ChannelCounts, ConversationCounts, ConversationTrendCounts, IntentCounts } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { BUCKET_LABEL_FORMATS, toNumber, type AnalyticsWindow, type SqlBucketUnit } from './analytics-window';

/** Counters of `conversation_daily_metrics`, for one day or added over a range. */
export type ConversationCounters = ConversationCounts;

export interface ConversationDayCounters extends ConversationCounters {
  day: string;
}

/** One local-time bucket: conversations that began in it, outcomes reached in it, messages sent in it. */
export type ConversationTrendBucket = ConversationTrendCounts;

export type IntentCount = IntentCounts;

export type ChannelCounters = ChannelCounts;

export interface RoiCounters {
  totalConversations: number;
  aiResolvedConversations: number;
}

const MESSAGE_TYPES = ['message_sent', 'message_received'];
const NO_CHANNEL = 'unknown';

/**
 * Conversation analytics over what the stream processor maintains: `conversation_daily_metrics` and
 * `conversation_daily_customers` (days), `conversation_states` (each conversation's start, outcome
 * and channel) and raw `events` (messages, response times, intents). Every statement is scoped to one
 * tenant and takes every value as a bind parameter.
 */
export class ConversationAnalyticsQueries {
  constructor(private readonly sql: SqlExecutor) {}

  /** The daily counters added over local days fromDay … toDay, and customers distinct over those days. */
  async rangeCounters(tenantId: string, fromDay: string, toDay: string): Promise<ConversationCounters> {
    const [row] = await this.sql.query(
      `SELECT coalesce(sum("total_conversations"), 0) AS "total",
              coalesce(sum("resolved_conversations"), 0) AS "resolved",
              coalesce(sum("escalated_conversations"), 0) AS "escalated",
              coalesce(sum("abandoned_conversations"), 0) AS "abandoned",
              coalesce(sum("response_time_sum_ms"), 0) AS "response_sum",
              coalesce(sum("response_time_count"), 0) AS "response_count",
              coalesce(sum("total_messages"), 0) AS "messages",
              (SELECT count(DISTINCT "user_key") FROM "conversation_daily_customers"
                WHERE "tenant_id" = $1 AND "day" BETWEEN $2::date AND $3::date) AS "customers"
         FROM "conversation_daily_metrics"
        WHERE "tenant_id" = $1 AND "day" BETWEEN $2::date AND $3::date`,
      [tenantId, fromDay, toDay],
    );
    return {
      totalConversations: toNumber(row.total),
      resolvedConversations: toNumber(row.resolved),
      escalatedConversations: toNumber(row.escalated),
      abandonedConversations: toNumber(row.abandoned),
      responseTimeSumMs: toNumber(row.response_sum),
      responseTimeCount: toNumber(row.response_count),
      totalMessages: toNumber(row.messages),
      uniqueCustomers: toNumber(row.customers),
    };
  }

  /** The days of fromDay … toDay that have a row, oldest first (days without conversations have none). */
  async dailyCounters(tenantId: string, fromDay: string, toDay: string): Promise<ConversationDayCounters[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT "day"::text AS "day", "total_conversations", "resolved_conversations", "escalated_conversations",
              "abandoned_conversations", "response_time_sum_ms", "response_time_count", "total_messages", "unique_customers"
         FROM "conversation_daily_metrics"
        WHERE "tenant_id" = $1 AND "day" BETWEEN $2::date AND $3::date
        ORDER BY "day"`,
      [tenantId, fromDay, toDay],
    );
    return rows.map((row) => ({
      day: String(row['day']),
      totalConversations: toNumber(row['total_conversations']),
      resolvedConversations: toNumber(row['resolved_conversations']),
      escalatedConversations: toNumber(row['escalated_conversations']),
      abandonedConversations: toNumber(row['abandoned_conversations']),
      responseTimeSumMs: toNumber(row['response_time_sum_ms']),
      responseTimeCount: toNumber(row['response_time_count']),
      totalMessages: toNumber(row['total_messages']),
      uniqueCustomers: toNumber(row['unique_customers']),
    }));
  }

  /**
   * Buckets of local time that have anything: a conversation counts in the bucket of its earliest
   * event, an outcome in the bucket it happened in, as in the daily metrics (so day buckets equal the
   * daily table); messages and reply times come from the raw events.
   */
  async trend(window: AnalyticsWindow, unit: SqlBucketUnit): Promise<ConversationTrendBucket[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `WITH "marks" AS (
          SELECT "started_at" AS "at", 'conversation' AS "kind", NULL::numeric AS "response_ms"
            FROM "conversation_states"
           WHERE "tenant_id" = $1 AND "started_at" >= $2 AND "started_at" < $3
          UNION ALL
          SELECT "outcome_at", "status", NULL
            FROM "conversation_states"
           WHERE "tenant_id" = $1 AND "outcome_at" >= $2 AND "outcome_at" < $3
          UNION ALL
          SELECT "occurred_at", 'message',
                 CASE WHEN "type" = 'message_received' THEN ("properties"->>'response_time_ms')::numeric END
            FROM "events"
           WHERE "tenant_id" = $1 AND "type" = ANY($6::varchar[]) AND "occurred_at" >= $2 AND "occurred_at" < $3
        )
        SELECT to_char(date_trunc($4, "at" AT TIME ZONE $5), $7) AS "bucket",
               count(*) FILTER (WHERE "kind" = 'conversation') AS "conversations",
               count(*) FILTER (WHERE "kind" = 'resolved') AS "resolved",
               count(*) FILTER (WHERE "kind" = 'escalated') AS "escalated",
               count(*) FILTER (WHERE "kind" = 'abandoned') AS "abandoned",
               count(*) FILTER (WHERE "kind" = 'message') AS "messages",
               coalesce(sum("response_ms"), 0) AS "response_sum",
               count("response_ms") AS "response_count"
          FROM "marks"
         GROUP BY 1
         ORDER BY 1`,
      [window.tenantId, window.start, window.end, unit, window.timeZone, MESSAGE_TYPES, BUCKET_LABEL_FORMATS[unit]],
    );
    return rows.map((row) => ({
      bucket: String(row['bucket']),
      conversations: toNumber(row['conversations']),
      resolved: toNumber(row['resolved']),
      escalated: toNumber(row['escalated']),
      abandoned: toNumber(row['abandoned']),
      messages: toNumber(row['messages']),
      responseTimeSumMs: toNumber(row['response_sum']),
      responseTimeCount: toNumber(row['response_count']),
    }));
  }

  /** Intents named by conversation events in the window, most conversations first (then by name). */
  async intents(window: AnalyticsWindow): Promise<{ intents: IntentCount[]; conversationsWithIntent: number }> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `SELECT "properties"->>'intent' AS "intent",
              count(DISTINCT "properties"->>'conversation_id') AS "conversations",
              count(*) AS "events"
         FROM "events"
        WHERE "tenant_id" = $1 AND "category" = 'conversation' AND "occurred_at" >= $2 AND "occurred_at" < $3
          AND "properties"->>'intent' IS NOT NULL
        GROUP BY 1
        ORDER BY 2 DESC, 1`,
      [window.tenantId, window.start, window.end],
    );
    const [total] = await this.sql.query(
      `SELECT count(DISTINCT "properties"->>'conversation_id') AS "conversations"
         FROM "events"
        WHERE "tenant_id" = $1 AND "category" = 'conversation' AND "occurred_at" >= $2 AND "occurred_at" < $3
          AND "properties"->>'intent' IS NOT NULL`,
      [window.tenantId, window.start, window.end],
    );
    return {
      intents: rows.map((row) => ({ intent: String(row['intent']), conversations: toNumber(row['conversations']), events: toNumber(row['events']) })),
      conversationsWithIntent: toNumber(total.conversations),
    };
  }

  /**
   * Per channel, the conversations that began in the window and their outcomes (whenever reached),
   * their messages, and the reply times of those messages. Conversations without a channel are `unknown`.
   */
  async channels(window: AnalyticsWindow): Promise<ChannelCounters[]> {
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `WITH "started" AS (
          SELECT "conversation_id", coalesce("channel", $4) AS "channel", "status", "message_count"
            FROM "conversation_states"
           WHERE "tenant_id" = $1 AND "started_at" >= $2 AND "started_at" < $3
        ), "replies" AS (
          SELECT s."channel", sum(("properties"->>'response_time_ms')::numeric) AS "response_sum", count(*) AS "response_count"
            FROM "events" e
            JOIN "started" s ON s."conversation_id" = e."properties"->>'conversation_id'
           WHERE e."tenant_id" = $1 AND e."type" = 'message_received' AND e."properties"->>'response_time_ms' IS NOT NULL
             AND e."occurred_at" >= $2
           GROUP BY s."channel"
        )
        SELECT s."channel",
               count(*) AS "conversations",
               count(*) FILTER (WHERE s."status" = 'resolved') AS "resolved",
               count(*) FILTER (WHERE s."status" = 'escalated') AS "escalated",
               count(*) FILTER (WHERE s."status" = 'abandoned') AS "abandoned",
               coalesce(sum(s."message_count"), 0) AS "messages",
               coalesce(max(r."response_sum"), 0) AS "response_sum",
               coalesce(max(r."response_count"), 0) AS "response_count"
          FROM "started" s
          LEFT JOIN "replies" r ON r."channel" = s."channel"
         GROUP BY s."channel"
         ORDER BY 2 DESC, 1`,
      [window.tenantId, window.start, window.end, NO_CHANNEL],
    );
    return rows.map((row) => ({
      channel: String(row['channel']),
      conversations: toNumber(row['conversations']),
      resolved: toNumber(row['resolved']),
      escalated: toNumber(row['escalated']),
      abandoned: toNumber(row['abandoned']),
      messages: toNumber(row['messages']),
      responseTimeSumMs: toNumber(row['response_sum']),
      responseTimeCount: toNumber(row['response_count']),
    }));
  }

  /**
   * The ROI calculator's inputs for conversations that began in the window: all of them, and those
   * whose outcome is a resolution not made by a human (`resolved_by` of the resolving event is `ai` or
   * absent: an assistant's conversation reaches a person only through escalation).
   */
  async roiCounters(window: AnalyticsWindow): Promise<RoiCounters> {
    const [row] = await this.sql.query(
      `SELECT count(*) AS "total",
              count(*) FILTER (
                WHERE s."status" = 'resolved' AND coalesce(e."properties"->>'resolved_by', 'ai') <> 'human'
              ) AS "ai_resolved"
         FROM "conversation_states" s
         LEFT JOIN "events" e ON e."tenant_id" = s."tenant_id" AND e."event_id" = s."outcome_event_id"
        WHERE s."tenant_id" = $1 AND s."started_at" >= $2 AND s."started_at" < $3`,
      [window.tenantId, window.start, window.end],
    );
    return { totalConversations: toNumber(row.total), aiResolvedConversations: toNumber(row.ai_resolved) };
  }
}
