import type { ConversationStateRow, ConversationStatus } from '../entities/conversation-state.entity';
import type { SqlExecutor } from './sql-executor';

/** A conversation's state as the processor reads and writes it (the row without its bookkeeping timestamp). */
export type ConversationState = Omit<ConversationStateRow, 'updatedAt'>;

/** What a batch adds to one tenant's day. Counters may be negative: an out-of-order event can move a count. */
export interface ConversationDailyDelta {
  tenantId: string;
  day: string;
  totalConversations: number;
  resolvedConversations: number;
  escalatedConversations: number;
  abandonedConversations: number;
  responseTimeSumMs: number;
  responseTimeCount: number;
  totalMessages: number;
  /** Customers (user keys) seen in conversation events that day; only those new to the day are counted. */
  customers: readonly string[];
}

export interface ConversationDailyMetrics {
  day: string;
  totalConversations: number;
  resolvedConversations: number;
  escalatedConversations: number;
  abandonedConversations: number;
  responseTimeSumMs: number;
  responseTimeCount: number;
  /** Sum / count, rounded to whole milliseconds; null without any timed reply. */
  averageResponseTimeMs: number | null;
  totalMessages: number;
  uniqueCustomers: number;
}

interface StateRow {
  tenant_id: string;
  conversation_id: string;
  status: ConversationStatus;
  started_at: Date;
  start_date: string;
  last_event_at: Date;
  outcome_at: Date | null;
  outcome_date: string | null;
  outcome_event_id: string | null;
  user_key: string | null;
  channel: string | null;
  message_count: number;
}

/** Conversation states and daily metrics, inside the caller's transaction. */
export class ConversationMetricsRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** Loads the conversations' states and locks their rows (in key order) until the transaction ends. */
  async lockAndLoad(conversations: ReadonlyArray<{ tenantId: string; conversationId: string }>): Promise<ConversationState[]> {
    if (conversations.length === 0) return [];
    const rows: StateRow[] = await this.sql.query(
      `SELECT "tenant_id", "conversation_id", "status", "started_at", "start_date"::text AS "start_date", "last_event_at",
              "outcome_at", "outcome_date"::text AS "outcome_date", "outcome_event_id", "user_key", "channel", "message_count"
         FROM "conversation_states"
        WHERE ("tenant_id", "conversation_id") IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))
        ORDER BY "tenant_id", "conversation_id"
        FOR UPDATE`,
      [conversations.map((entry) => entry.tenantId), conversations.map((entry) => entry.conversationId)],
    );
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      conversationId: row.conversation_id,
      status: row.status,
      startedAt: row.started_at,
      startDate: row.start_date,
      lastEventAt: row.last_event_at,
      outcomeAt: row.outcome_at,
      outcomeDate: row.outcome_date,
      outcomeEventId: row.outcome_event_id,
      userKey: row.user_key,
      channel: row.channel,
      messageCount: row.message_count,
    }));
  }

  async saveStates(states: readonly ConversationState[]): Promise<void> {
    if (states.length === 0) return;
    const sorted = [...states].sort(
      (a, b) => compare(a.tenantId, b.tenantId) || compare(a.conversationId, b.conversationId),
    );
    await this.sql.query(
      `INSERT INTO "conversation_states" ("tenant_id", "conversation_id", "status", "started_at", "start_date", "last_event_at",
          "outcome_at", "outcome_date", "outcome_event_id", "user_key", "channel", "message_count", "updated_at")
        SELECT *, now() FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::timestamptz[], $5::date[], $6::timestamptz[],
                                    $7::timestamptz[], $8::date[], $9::varchar[], $10::varchar[], $11::varchar[], $12::int[])
        ON CONFLICT ("tenant_id", "conversation_id") DO UPDATE SET
          "status" = EXCLUDED."status", "started_at" = EXCLUDED."started_at", "start_date" = EXCLUDED."start_date",
          "last_event_at" = EXCLUDED."last_event_at", "outcome_at" = EXCLUDED."outcome_at",
          "outcome_date" = EXCLUDED."outcome_date", "outcome_event_id" = EXCLUDED."outcome_event_id",
          "user_key" = EXCLUDED."user_key", "channel" = EXCLUDED."channel", "message_count" = EXCLUDED."message_count",
          "updated_at" = EXCLUDED."updated_at"`,
      [
        sorted.map((state) => state.tenantId),
        sorted.map((state) => state.conversationId),
        sorted.map((state) => state.status),
        sorted.map((state) => state.startedAt.toISOString()),
        sorted.map((state) => state.startDate),
        sorted.map((state) => state.lastEventAt.toISOString()),
        sorted.map((state) => state.outcomeAt?.toISOString() ?? null),
        sorted.map((state) => state.outcomeDate),
        sorted.map((state) => state.outcomeEventId),
        sorted.map((state) => state.userKey),
        sorted.map((state) => state.channel),
        sorted.map((state) => state.messageCount),
      ],
    );
  }

  /** Adds the deltas to the daily metrics; a day's new customers (not seen that day before) raise `unique_customers`. */
  async applyDailyDeltas(deltas: readonly ConversationDailyDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    const sorted = [...deltas].sort((a, b) => compare(a.tenantId, b.tenantId) || compare(a.day, b.day));
    const customers = sorted.flatMap((delta) =>
      [...new Set(delta.customers)].sort().map((userKey) => [delta.tenantId, delta.day, userKey] as const),
    );
    await this.sql.query(
      `WITH "new_customers" AS (
          INSERT INTO "conversation_daily_customers" ("tenant_id", "day", "user_key")
            SELECT * FROM unnest($1::uuid[], $2::date[], $3::varchar[])
            ON CONFLICT ("tenant_id", "day", "user_key") DO NOTHING
            RETURNING "tenant_id", "day"
        ), "new_customer_counts" AS (
          SELECT "tenant_id", "day", count(*)::int AS "added" FROM "new_customers" GROUP BY "tenant_id", "day"
        )
        INSERT INTO "conversation_daily_metrics" ("tenant_id", "day", "total_conversations", "resolved_conversations",
            "escalated_conversations", "abandoned_conversations", "response_time_sum_ms", "response_time_count",
            "total_messages", "unique_customers", "updated_at")
          SELECT i.tenant_id, i.day, i.total, i.resolved, i.escalated, i.abandoned, i.response_sum, i.response_count,
                 i.messages, coalesce(n."added", 0), now()
            FROM unnest($4::uuid[], $5::date[], $6::int[], $7::int[], $8::int[], $9::int[], $10::bigint[], $11::int[], $12::int[])
              AS i(tenant_id, day, total, resolved, escalated, abandoned, response_sum, response_count, messages)
            LEFT JOIN "new_customer_counts" n ON n."tenant_id" = i.tenant_id AND n."day" = i.day
            ORDER BY i.tenant_id, i.day
        ON CONFLICT ("tenant_id", "day") DO UPDATE SET
          "total_conversations" = "conversation_daily_metrics"."total_conversations" + EXCLUDED."total_conversations",
          "resolved_conversations" = "conversation_daily_metrics"."resolved_conversations" + EXCLUDED."resolved_conversations",
          "escalated_conversations" = "conversation_daily_metrics"."escalated_conversations" + EXCLUDED."escalated_conversations",
          "abandoned_conversations" = "conversation_daily_metrics"."abandoned_conversations" + EXCLUDED."abandoned_conversations",
          "response_time_sum_ms" = "conversation_daily_metrics"."response_time_sum_ms" + EXCLUDED."response_time_sum_ms",
          "response_time_count" = "conversation_daily_metrics"."response_time_count" + EXCLUDED."response_time_count",
          "total_messages" = "conversation_daily_metrics"."total_messages" + EXCLUDED."total_messages",
          "unique_customers" = "conversation_daily_metrics"."unique_customers" + EXCLUDED."unique_customers",
          "updated_at" = EXCLUDED."updated_at"`,
      [
        customers.map(([tenantId]) => tenantId),
        customers.map(([, day]) => day),
        customers.map(([, , userKey]) => userKey),
        sorted.map((delta) => delta.tenantId),
        sorted.map((delta) => delta.day),
        sorted.map((delta) => delta.totalConversations),
        sorted.map((delta) => delta.resolvedConversations),
        sorted.map((delta) => delta.escalatedConversations),
        sorted.map((delta) => delta.abandonedConversations),
        sorted.map((delta) => Math.round(delta.responseTimeSumMs)),
        sorted.map((delta) => delta.responseTimeCount),
        sorted.map((delta) => delta.totalMessages),
      ],
    );
  }

  /** A tenant's daily metrics for local days `fromDay <= day <= toDay` (YYYY-MM-DD), oldest first. */
  async findDaily(tenantId: string, fromDay: string, toDay: string): Promise<ConversationDailyMetrics[]> {
    const rows: Array<{
      day: string;
      total_conversations: number;
      resolved_conversations: number;
      escalated_conversations: number;
      abandoned_conversations: number;
      response_time_sum_ms: string;
      response_time_count: number;
      total_messages: number;
      unique_customers: number;
    }> = await this.sql.query(
      `SELECT "day"::text AS "day", "total_conversations", "resolved_conversations", "escalated_conversations",
              "abandoned_conversations", "response_time_sum_ms", "response_time_count", "total_messages", "unique_customers"
         FROM "conversation_daily_metrics"
        WHERE "tenant_id" = $1 AND "day" >= $2::date AND "day" <= $3::date
        ORDER BY "day"`,
      [tenantId, fromDay, toDay],
    );
    return rows.map((row) => {
      const responseTimeSumMs = Number(row.response_time_sum_ms);
      return {
        day: row.day,
        totalConversations: row.total_conversations,
        resolvedConversations: row.resolved_conversations,
        escalatedConversations: row.escalated_conversations,
        abandonedConversations: row.abandoned_conversations,
        responseTimeSumMs,
        responseTimeCount: row.response_time_count,
        averageResponseTimeMs: row.response_time_count > 0 ? Math.round(responseTimeSumMs / row.response_time_count) : null,
        totalMessages: row.total_messages,
        uniqueCustomers: row.unique_customers,
      };
    });
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
