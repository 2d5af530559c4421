import type { SqlExecutor } from '../repositories/sql-executor';
import type { DataQualityCounterRow, DataQualityOutcome } from '@pulse/analytics-core';
import type { DataQualityCount } from './data-quality-counts';

export type { DataQualityCounterRow };

/** The per-day data-quality counters, added to inside the caller's transaction. */
export class DataQualityCountersRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** Adds the counts (see `planDataQualityCounts`, which sorts them so concurrent writers never deadlock). */
  async add(counts: readonly DataQualityCount[]): Promise<void> {
    if (counts.length === 0) return;
    await this.sql.query(
      `INSERT INTO "data_quality_daily" ("tenant_id", "day", "event_type", "source", "outcome", "field", "rule", "count")
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::bigint[])
       ON CONFLICT ("tenant_id", "day", "event_type", "source", "outcome", "field", "rule")
         DO UPDATE SET "count" = "data_quality_daily"."count" + EXCLUDED."count"`,
      [
        counts.map((row) => row.tenantId),
        counts.map((row) => row.day),
        counts.map((row) => row.eventType.slice(0, 200)),
        counts.map((row) => row.source.slice(0, 64)),
        counts.map((row) => row.outcome),
        counts.map((row) => row.field.slice(0, 256)),
        counts.map((row) => row.rule.slice(0, 64)),
        counts.map((row) => row.count),
      ],
    );
  }

  /** Every counter of the tenant from `fromDay` to `toDay`, both included. */
  async read(tenantId: string, fromDay: string, toDay: string): Promise<DataQualityCounterRow[]> {
    const rows: Array<Record<string, string>> = await this.sql.query(
      `SELECT to_char("day", 'YYYY-MM-DD') AS "day", "event_type", "source", "outcome", "field", "rule", "count"::text AS "count"
         FROM "data_quality_daily"
        WHERE "tenant_id" = $1 AND "day" BETWEEN $2::date AND $3::date
        ORDER BY "day", "event_type", "source", "outcome", "field", "rule"`,
      [tenantId, fromDay, toDay],
    );
    return rows.map((row) => ({
      day: row['day'],
      eventType: row['event_type'],
      source: row['source'],
      outcome: row['outcome'] as DataQualityOutcome,
      field: row['field'],
      rule: row['rule'],
      count: Number(row['count']),
    }));
  }
}
