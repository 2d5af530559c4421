import { sortPathFlows, type PathDefinition, type PathFlows } from '@pulse/analytics-core';
import type { SqlExecutor } from '../../repositories/sql-executor';
import { PERSON_KEY_SQL } from './event-match-sql';
import { SqlParameters } from './sql-parameters';

/**
 * Sankey data with the meaning of analytics-core's `computePathFlows`: number each person's events in
 * the range, find their first anchor, keep the `depth` events after (or before) it, count nodes and links.
 */
export class PathsQuery {
  constructor(private readonly sql: SqlExecutor) {}

  async flows(tenantId: string, input: { definition: PathDefinition; from: Date; to: Date }): Promise<PathFlows> {
    const parameters = new SqlParameters();
    const tenant = parameters.add(tenantId);
    const sign = parameters.add(input.definition.direction === 'next' ? 1 : -1);
    const rows: Array<{ kind: 'node' | 'link'; step: number; source: string; target: string | null; users: string }> = await this.sql.query(
      `WITH "ordered" AS (
          SELECT ${PERSON_KEY_SQL} AS "person", e."type",
                 row_number() OVER (PARTITION BY ${PERSON_KEY_SQL} ORDER BY e."occurred_at", e."event_id" COLLATE "C") AS "position"
            FROM "events" e
           WHERE e."tenant_id" = ${tenant}::uuid AND e."occurred_at" >= ${parameters.add(input.from.toISOString())}::timestamptz
             AND e."occurred_at" < ${parameters.add(input.to.toISOString())}::timestamptz AND ${PERSON_KEY_SQL} IS NOT NULL
        ), "anchors" AS (
          SELECT "person", min("position") AS "anchor" FROM "ordered" WHERE "type" = ${parameters.add(input.definition.anchorEventType)}::text GROUP BY "person"
        ), "steps" AS MATERIALIZED (
          SELECT o."person", (o."position" - a."anchor")::int AS "step", o."type"
            FROM "ordered" o JOIN "anchors" a ON a."person" = o."person"
           WHERE (o."position" - a."anchor") * ${sign}::int BETWEEN 0 AND ${parameters.add(input.definition.depth)}::int
        )
        SELECT 'node' AS "kind", "step", "type" AS "source", NULL::text AS "target", count(*) AS "users" FROM "steps" GROUP BY "step", "type"
        UNION ALL
        SELECT 'link', s."step", s."type", t."type", count(*)
          FROM "steps" s JOIN "steps" t ON t."person" = s."person" AND t."step" = s."step" + ${sign}::int
         GROUP BY s."step", s."type", t."type"`,
      parameters.values,
    );
    const direction = input.definition.direction === 'next' ? 1 : -1;
    return sortPathFlows({
      nodes: rows.filter((row) => row.kind === 'node').map((row) => ({ step: Number(row.step), eventType: row.source, users: Number(row.users) })),
      links: rows
        .filter((row) => row.kind === 'link')
        .map((row) => ({
          sourceStep: Number(row.step),
          sourceEventType: row.source,
          targetStep: Number(row.step) + direction,
          targetEventType: row.target as string,
          users: Number(row.users),
        })),
    });
  }
}
