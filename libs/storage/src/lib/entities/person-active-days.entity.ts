import { EntitySchema } from 'typeorm';

/** One person's active local days of one tenant-local year (see analytics-core `person-active-days`). */
export interface PersonActiveDaysRow {
  tenantId: string;
  year: number;
  userKey: string;
  /** Bigint words as PostgreSQL returns them (decimal strings). */
  w0: string;
  w1: string;
  w2: string;
  w3: string;
  w4: string;
  w5: string;
}

const word = (name: string) => ({ name, type: 'bigint' as const });

/** Mirrors the `person_active_days` table created by the migrations; the drift test keeps the two equal. */
export const PersonActiveDaysEntity = new EntitySchema<PersonActiveDaysRow>({
  name: 'PersonActiveDays',
  tableName: 'person_active_days',
  columns: {
    tenantId: { name: 'tenant_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_person_active_days' },
    year: { name: 'year', type: 'smallint', primary: true, primaryKeyConstraintName: 'PK_person_active_days' },
    userKey: { name: 'user_key', type: 'varchar', length: 255, primary: true, primaryKeyConstraintName: 'PK_person_active_days' },
    w0: word('w0'),
    w1: word('w1'),
    w2: word('w2'),
    w3: word('w3'),
    w4: word('w4'),
    w5: word('w5'),
  },
});
