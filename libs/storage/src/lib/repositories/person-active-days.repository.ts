import { ACTIVE_DAY_WORDS } from '@pulse/analytics-core';
import type { PersonActiveDaysInput } from '../rollups/active-days-planning';
import type { SqlExecutor } from './sql-executor';

const WORDS = Array.from({ length: ACTIVE_DAY_WORDS }, (_, word) => `w${word}`);

/**
 * `person_active_days`: per person and tenant-local year, the local days with any event as a bitmap, what
 * the range total of unique users reads instead of the union of the '*' rollups' user lists. Works in the
 * caller's transaction.
 */
export class PersonActiveDaysRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * ORs the given days into the stored ones. Rows must be unique per key (`planActiveDays` makes them so);
   * they are written in key order, so concurrent writers lock them in the same order. A row that gains no
   * new day is not updated (an update would leave a dead tuple for nothing: most events fall on a day
   * their person already has).
   */
  async recordActiveDays(rows: readonly PersonActiveDaysInput[]): Promise<void> {
    if (rows.length === 0) return;
    const sorted = [...rows].sort((a, b) => compare(a.tenantId, b.tenantId) || a.year - b.year || compare(a.userKey, b.userKey));
    const words = WORDS.map((_, word) => sorted.map((row) => row.words[word].toString()));
    const wordParameters = WORDS.map((_, word) => `$${4 + word}::bigint[]`).join(', ');
    await this.sql.query(
      `INSERT INTO "person_active_days" ("tenant_id", "year", "user_key", ${WORDS.map((word) => `"${word}"`).join(', ')})
        SELECT t, y, k, ${WORDS.join(', ')}
          FROM unnest($1::uuid[], $2::smallint[], $3::varchar[], ${wordParameters}) WITH ORDINALITY AS i(t, y, k, ${WORDS.join(', ')}, position)
         ORDER BY position
        ON CONFLICT ("tenant_id", "year", "user_key") DO UPDATE SET
          ${WORDS.map((word) => `"${word}" = "person_active_days"."${word}" | EXCLUDED."${word}"`).join(', ')}
          WHERE ${WORDS.map((word) => `("person_active_days"."${word}" | EXCLUDED."${word}") <> "person_active_days"."${word}"`).join(' OR ')}`,
      [sorted.map((row) => row.tenantId), sorted.map((row) => row.year), sorted.map((row) => row.userKey), ...words],
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
