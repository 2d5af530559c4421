import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversation analytics maintained by the stream processor:
 * - `conversation_states`: one row per conversation, the state machine
 *   (started → active → resolved | escalated | abandoned) and what the daily counters were attributed to,
 *   so an out-of-order event can move a count from one day to another exactly.
 * - `conversation_daily_metrics`: per tenant and local day, the conversation pipeline spec's daily
 *   metrics. Response time is kept as sum and count so the average stays exact under merges.
 * - `conversation_daily_customers`: distinct customers per day, which keeps `unique_customers` exact.
 */
export class CreateConversationMetrics1764115200203 implements MigrationInterface {
  name = 'CreateConversationMetrics1764115200203';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "conversation_states" (
        "tenant_id" uuid NOT NULL,
        "conversation_id" varchar(128) NOT NULL,
        "status" varchar(16) NOT NULL,
        "started_at" timestamptz NOT NULL,
        "start_date" date NOT NULL,
        "last_event_at" timestamptz NOT NULL,
        "outcome_at" timestamptz,
        "outcome_date" date,
        "outcome_event_id" varchar(128),
        "user_key" varchar(255),
        "channel" varchar(64),
        "message_count" integer NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_conversation_states" PRIMARY KEY ("tenant_id", "conversation_id"),
        CONSTRAINT "CHK_conversation_states_status" CHECK ("status" IN ('started', 'active', 'resolved', 'escalated', 'abandoned'))
      )`);
    await queryRunner.query(`
      CREATE TABLE "conversation_daily_metrics" (
        "tenant_id" uuid NOT NULL,
        "day" date NOT NULL,
        "total_conversations" integer NOT NULL,
        "resolved_conversations" integer NOT NULL,
        "escalated_conversations" integer NOT NULL,
        "abandoned_conversations" integer NOT NULL,
        "response_time_sum_ms" bigint NOT NULL,
        "response_time_count" integer NOT NULL,
        "total_messages" integer NOT NULL,
        "unique_customers" integer NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_conversation_daily_metrics" PRIMARY KEY ("tenant_id", "day")
      )`);
    await queryRunner.query(`
      CREATE TABLE "conversation_daily_customers" (
        "tenant_id" uuid NOT NULL,
        "day" date NOT NULL,
        "user_key" varchar(255) NOT NULL,
        CONSTRAINT "PK_conversation_daily_customers" PRIMARY KEY ("tenant_id", "day", "user_key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "conversation_daily_customers"`);
    await queryRunner.query(`DROP TABLE "conversation_daily_metrics"`);
    await queryRunner.query(`DROP TABLE "conversation_states"`);
  }
}
