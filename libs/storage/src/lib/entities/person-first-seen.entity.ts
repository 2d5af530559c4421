import { EntitySchema } from 'typeorm';

/** A person's first event of one type, or of any type (event type '*'). */
export interface PersonFirstSeenRow {
  tenantId: string;
  eventType: string;
  userKey: string;
  firstAt: Date;
}

/** Mirrors the `person_first_seen` table created by the migrations; the drift test keeps the two equal. */
export const PersonFirstSeenEntity = new EntitySchema<PersonFirstSeenRow>({
  name: 'PersonFirstSeen',
  tableName: 'person_first_seen',
  columns: {
    tenantId: { name: 'tenant_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_person_first_seen' },
    eventType: { name: 'event_type', type: 'varchar', length: 200, primary: true, primaryKeyConstraintName: 'PK_person_first_seen' },
    userKey: { name: 'user_key', type: 'varchar', length: 255, primary: true, primaryKeyConstraintName: 'PK_person_first_seen' },
    firstAt: { name: 'first_at', type: 'timestamptz' },
  },
  indices: [{ name: 'IDX_person_first_seen_cohort', columns: ['tenantId', 'eventType', 'firstAt'] }],
});
