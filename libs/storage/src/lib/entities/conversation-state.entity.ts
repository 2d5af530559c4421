import { EntitySchema } from 'typeorm';

export type ConversationStatus = 'started' | 'active' | 'resolved' | 'escalated' | 'abandoned';

/** One conversation's state machine, and the days its daily counters were attributed to. */
export interface ConversationStateRow {
  tenantId: string;
  conversationId: string;
  status: ConversationStatus;
  /** Its earliest known event; counted in `total_conversations` on `startDate` (tenant-local). */
  startedAt: Date;
  startDate: string;
  lastEventAt: Date;
  /** The earliest terminal event (resolved, escalated or abandoned), counted on `outcomeDate`. */
  outcomeAt: Date | null;
  outcomeDate: string | null;
  outcomeEventId: string | null;
  userKey: string | null;
  channel: string | null;
  messageCount: number;
  updatedAt: Date;
}

/** Mirrors the `conversation_states` table created by the migrations; the drift test keeps the two equal. */
export const ConversationStateEntity = new EntitySchema<ConversationStateRow>({
  name: 'ConversationState',
  tableName: 'conversation_states',
  columns: {
    tenantId: { name: 'tenant_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_conversation_states' },
    conversationId: {
      name: 'conversation_id',
      type: 'varchar',
      length: 128,
      primary: true,
      primaryKeyConstraintName: 'PK_conversation_states',
    },
    status: { type: 'varchar', length: 16 },
    startedAt: { name: 'started_at', type: 'timestamptz' },
    startDate: { name: 'start_date', type: 'date' },
    lastEventAt: { name: 'last_event_at', type: 'timestamptz' },
    outcomeAt: { name: 'outcome_at', type: 'timestamptz', nullable: true },
    outcomeDate: { name: 'outcome_date', type: 'date', nullable: true },
    outcomeEventId: { name: 'outcome_event_id', type: 'varchar', length: 128, nullable: true },
    userKey: { name: 'user_key', type: 'varchar', length: 255, nullable: true },
    channel: { type: 'varchar', length: 64, nullable: true },
    messageCount: { name: 'message_count', type: 'integer' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
  checks: [
    {
      name: 'CHK_conversation_states_status',
      expression: `"status" IN ('started', 'active', 'resolved', 'escalated', 'abandoned')`,
    },
  ],
});
