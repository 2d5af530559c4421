import type { SqlExecutor } from '../repositories/sql-executor';

/** Stored events of one type whose value for `field` broke `rule` (lenient policy): answers left that value out. */
export interface SkippedValueCount {
  eventType: string;
  /** List positions generalized: `properties.items[].price`. */
  field: string;
  rule: string;
  events: number;
}

export interface SkippedValuesScope {
  tenantId: string;
  start: Date;
  end: Date;
  /** The answer's event types; null for every type. */
  eventTypes: readonly string[] | null;
  /** Only these fields (exact, after generalizing list positions); all when absent. */
  fields?: readonly string[];
}

/**
 * Counts, for an answer, the events in its scope stored with violations, by type, field and rule. Reads
 * only the rows the partial index `IDX_events_with_violations` holds: the few stored with violations.
 */
export class SkippedValuesQueries {
  constructor(private readonly sql: SqlExecutor) {}

  async count(scope: SkippedValuesScope): Promise<SkippedValueCount[]> {
    if (scope.eventTypes !== null && scope.eventTypes.length === 0) return [];
    const rows: Array<{ event_type: string; field: string; rule: string; events: string }> = await this.sql.query(
      `SELECT e."type" AS "event_type", v."field", v."rule", count(DISTINCT e."event_id")::text AS "events"
         FROM "events" e
        CROSS JOIN LATERAL (
              SELECT regexp_replace(issue->>'field', '\\[\\d+\\]', '[]', 'g') AS "field", issue->>'rule' AS "rule"
                FROM jsonb_array_elements(e."violations") AS issue
             ) v
        WHERE e."tenant_id" = $1 AND ($2::varchar[] IS NULL OR e."type" = ANY($2::varchar[])) AND e."occurred_at" >= $3 AND e."occurred_at" < $4
          AND e."violations" IS NOT NULL
          AND ($5::varchar[] IS NULL OR v."field" = ANY($5::varchar[]))
        GROUP BY 1, 2, 3
        ORDER BY 4 DESC, 1, 2, 3`,
      [scope.tenantId, scope.eventTypes, scope.start.toISOString(), scope.end.toISOString(), scope.fields ?? null],
    );
    return rows.map((row) => ({ eventType: row.event_type, field: row.field, rule: row.rule, events: Number(row.events) }));
  }
}
