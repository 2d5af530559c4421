import { EntitySchema } from 'typeorm';

/** One customer seen in a tenant's conversations on one local day: keeps `unique_customers` exact. */
export interface ConversationDailyCustomerRow {
  tenantId: string;
  day: string;
  userKey: string;
}

/** Mirrors the `conversation_daily_customers` table created by the migrations; the drift test keeps the two equal. */
export const ConversationDailyCustomerEntity = new EntitySchema<ConversationDailyCustomerRow>({
  name: 'ConversationDailyCustomer',
  tableName: 'conversation_daily_customers',
  columns: {
    tenantId: { name: 'tenant_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_conversation_daily_customers' },
    day: { type: 'date', primary: true, primaryKeyConstraintName: 'PK_conversation_daily_customers' },
    userKey: {
      name: 'user_key',
      type: 'varchar',
      length: 255,
      primary: true,
      primaryKeyConstraintName: 'PK_conversation_daily_customers',
    },
  },
});
