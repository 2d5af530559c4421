import type { ConversationActivity } from '@pulse/ml-features';
import { SqlParameters, type SqlExecutor } from '@pulse/storage';

/** The conversation pipeline's event types: everything a conversation's features are read from. */
const CONVERSATION_EVENT_TYPES = [
  'conversation_started',
  'message_sent',
  'message_received',
  'conversation_resolved',
  'conversation_escalated',
  'conversation_abandoned',
  'knowledge_retrieved',
  'citation_clicked',
];

/** A conversation's aggregates, the tenant-local day it started, and its satisfaction score if the customer gave one. */
export interface ScoredConversationActivity extends ConversationActivity {
  /** YYYY-MM-DD in the tenant's time zone (the processor's `conversation_states.start_date`). */
  day: string;
  /** `conversation_resolved.satisfaction_score`, 0 … 1 as the event contract validates it; the latest one counts. */
  satisfactionScore: number | null;
}

/** Which conversations to read, by their state row (maintained by the stream processor). */
export type ConversationSelection =
  | { kind: 'active'; from: Date; to: Date }
  | { kind: 'started_on'; fromDay: string; toDay: string }
  | { kind: 'one'; conversationId: string };

/**
 * Per conversation, the aggregates of the satisfaction feature table, grouped in the database. Conversations
 * are chosen from `conversation_states` (one row each, with their start day in the tenant's zone and the
 * span of their events); their events are read by the (tenant, type, occurred_at) index over that span and
 * matched by `properties.conversation_id`. Values of the wrong JSON type are ignored, as everywhere.
 */
export class ConversationActivityQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async read(tenantId: string, selection: ConversationSelection): Promise<ScoredConversationActivity[]> {
    const parameters = new SqlParameters();
    const tenant = parameters.add(tenantId);
    const types = parameters.add(CONVERSATION_EVENT_TYPES);
    const chosen = selectionSql(selection, parameters);
    const order = `e."occurred_at", e."event_id" COLLATE "C"`;
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `WITH "chosen" AS MATERIALIZED (
          SELECT s."conversation_id", s."start_date"::text AS "day", s."started_at", s."last_event_at"
            FROM "conversation_states" s
           WHERE s."tenant_id" = ${tenant}::uuid AND ${chosen}
        )
        SELECT c."conversation_id", c."day",
               coalesce(extract(epoch FROM (max(e."occurred_at") - min(e."occurred_at")))::float8, 0) AS "duration_seconds",
               count(*) FILTER (WHERE e."type" = 'message_sent') AS "customer_messages",
               count(*) FILTER (WHERE e."type" = 'message_received') AS "replies",
               avg(CASE WHEN e."type" = 'message_received' AND jsonb_typeof(e."properties" -> 'response_time_ms') = 'number'
                        THEN (e."properties" ->> 'response_time_ms')::float8 END) AS "mean_response_ms",
               coalesce(bool_or(e."type" = 'conversation_escalated'), false) AS "escalated",
               coalesce(bool_or(e."type" = 'conversation_resolved' AND e."properties" ->> 'resolved_by' = 'human'), false) AS "resolved_by_human",
               coalesce(array_agg(e."properties" ->> 'intent' ORDER BY ${order})
                          FILTER (WHERE jsonb_typeof(e."properties" -> 'intent') = 'string'), '{}') AS "intents",
               coalesce(array_agg(CASE WHEN jsonb_typeof(e."properties" -> 'sentiment_score') = 'number' THEN (e."properties" ->> 'sentiment_score')::float8 END ORDER BY ${order})
                          FILTER (WHERE e."type" = 'message_sent'), '{}') AS "sentiments",
               (array_agg((e."properties" ->> 'satisfaction_score')::float8 ORDER BY e."occurred_at" DESC, e."event_id" COLLATE "C" DESC)
                  FILTER (WHERE e."type" = 'conversation_resolved' AND jsonb_typeof(e."properties" -> 'satisfaction_score') = 'number'))[1] AS "satisfaction_score"
          FROM "chosen" c
          LEFT JOIN "events" e
            ON e."tenant_id" = ${tenant}::uuid AND e."type" = ANY(${types}::varchar[])
           AND e."occurred_at" >= (SELECT min("started_at") FROM "chosen") AND e."occurred_at" <= (SELECT max("last_event_at") FROM "chosen")
           AND e."properties" ->> 'conversation_id' = c."conversation_id"
         GROUP BY c."conversation_id", c."day"
         ORDER BY c."day", c."conversation_id" COLLATE "C"`,
      parameters.values,
    );
    return rows.map((row) => ({
      conversation: String(row['conversation_id']),
      day: String(row['day']),
      durationSeconds: Number(row['duration_seconds']),
      customerMessages: Number(row['customer_messages']),
      replies: Number(row['replies']),
      meanResponseMs: row['mean_response_ms'] === null ? null : Number(row['mean_response_ms']),
      escalated: row['escalated'] === true,
      resolvedByHuman: row['resolved_by_human'] === true,
      intents: row['intents'] as string[],
      customerSentiments: (row['sentiments'] as Array<number | null>).map((score) => (score === null ? null : Number(score))),
      satisfactionScore: row['satisfaction_score'] === null ? null : Number(row['satisfaction_score']),
    }));
  }
}

function selectionSql(selection: ConversationSelection, parameters: SqlParameters): string {
  switch (selection.kind) {
    case 'active':
      return `s."last_event_at" >= ${parameters.add(selection.from.toISOString())}::timestamptz AND s."started_at" < ${parameters.add(selection.to.toISOString())}::timestamptz`;
    case 'started_on':
      return `s."start_date" BETWEEN ${parameters.add(selection.fromDay)}::date AND ${parameters.add(selection.toDay)}::date`;
    case 'one':
      return `s."conversation_id" = ${parameters.add(selection.conversationId)}::varchar`;
  }
}
