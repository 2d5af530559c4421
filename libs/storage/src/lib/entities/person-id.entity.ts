import { EntitySchema } from 'typeorm';

/** A tenant person's small integer id, as the event-time chunks record it (see `rollups/event-times-planning`). */
export interface PersonIdRow {
  tenantId: string;
  userKey: string;
  personId: number;
}

/** Mirrors the `person_ids` table created by the migrations; the drift test keeps the two equal. */
export const PersonIdEntity = new EntitySchema<PersonIdRow>({
  name: 'PersonId',
  tableName: 'person_ids',
  columns: {
    tenantId: { name: 'tenant_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_person_ids' },
    userKey: { name: 'user_key', type: 'text', primary: true, primaryKeyConstraintName: 'PK_person_ids' },
    personId: { name: 'person_id', type: 'int4', generated: 'increment' },
  },
  uniques: [{ name: 'UQ_person_ids_tenant_person_id', columns: ['tenantId', 'personId'] }],
});
