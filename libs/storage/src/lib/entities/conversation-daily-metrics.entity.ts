import { EntitySchema } from 'typeorm';

/** The conversation pipeline spec's daily metrics for one tenant and local day. */
export interface ConversationDailyMetricsRow {
  tenantId: string;
  /** Tenant-local date, YYYY-MM-DD. */
  day: string;
  totalConversations: number;
  resolvedConversations: number;
  escalatedConversations: number;
  abandonedConversations: number;
  /** bigint: read back as a decimal string. Average response time = sum / count. */
  responseTimeSumMs: string;
  responseTimeCount: number;
  totalMessages: number;
  uniqueCustomers: number;
  updatedAt: Date;
}

/** Mirrors the `conversation_daily_metrics` table created by the migrations; the drift test keeps the two equal. */
export const ConversationDailyMetricsEntity = new EntitySchema<ConversationDailyMetricsRow>({
  name: 'ConversationDailyMetrics',
  tableName: 'conversation_daily_metrics',
  columns: {
    tenantId: { name: 'tenant_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_conversation_daily_metrics' },
    day: { type: 'date', primary: true, primaryKeyConstraintName: 'PK_conversation_daily_metrics' },
    totalConversations: { name: 'total_conversations', type: 'integer' },
    resolvedConversations: { name: 'resolved_conversations', type: 'integer' },
    escalatedConversations: { name: 'escalated_conversations', type: 'integer' },
    abandonedConversations: { name: 'abandoned_conversations', type: 'integer' },
    responseTimeSumMs: { name: 'response_time_sum_ms', type: 'bigint' },
    responseTimeCount: { name: 'response_time_count', type: 'integer' },
    totalMessages: { name: 'total_messages', type: 'integer' },
    uniqueCustomers: { name: 'unique_customers', type: 'integer' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
