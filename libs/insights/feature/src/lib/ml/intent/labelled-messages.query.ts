import type { IntentExample } from '@pulse/analytics-core';
import { SqlParameters, type SqlExecutor } from '@pulse/storage';

/** The event types whose `text` and `intent` train a tenant's intent model. */
export const MESSAGE_EVENT_TYPES = ['message_sent', 'message_received'];

/**
 * The tenant's stored messages that carry both a `text` and an `intent` the sender gave, newest first. Intents the
 * stream processor derived (listed in `properties.derived`) are not labels: training on them would teach the model
 * its own guesses. `unknown` is no label either. Texts are stored only for tenants with `storeMessageText` on.
 */
export class LabelledMessagesQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async read(tenantId: string, range: { from: Date; to: Date }, limit: number): Promise<IntentExample[]> {
    const parameters = new SqlParameters();
    const rows: Array<{ text: string; intent: string }> = await this.sql.query(
      `SELECT e."properties" ->> 'text' AS "text", e."properties" ->> 'intent' AS "intent"
         FROM "events" e
        WHERE e."tenant_id" = ${parameters.add(tenantId)}::uuid
          AND e."type" = ANY(${parameters.add(MESSAGE_EVENT_TYPES)}::varchar[])
          AND e."occurred_at" >= ${parameters.add(range.from)}::timestamptz AND e."occurred_at" <= ${parameters.add(range.to)}::timestamptz
          AND jsonb_typeof(e."properties" -> 'text') = 'string'
          AND jsonb_typeof(e."properties" -> 'intent') = 'string'
          AND e."properties" ->> 'intent' <> 'unknown'
          AND NOT coalesce(e."properties" -> 'derived' @> '["intent"]'::jsonb, false)
        ORDER BY e."occurred_at" DESC, e."event_id" COLLATE "C"
        LIMIT ${parameters.add(limit)}::int`,
      parameters.values,
    );
    return rows.map((row) => ({ text: row.text, label: row.intent }));
  }
}
