import { IDENTIFY_EVENT_TYPE, segmentRuleWindow, type SegmentDefinition } from '@pulse/analytics-core';
import { PERSON_KEY_SQL, eventMatcherSql, propertyFilterSql } from './event-match-sql';
import type { PersonCondition } from './person-condition';
import type { SqlParameters } from './sql-parameters';

/**
 * SQL for the members of a segment at `asOf`, with the meaning of analytics-core's `segmentMembers`:
 * persons with any event of the tenant whose merged traits pass every trait filter and who did each
 * rule's event often enough in its window. Trait filters reuse the event property filter SQL by
 * presenting each person's merged traits as a row `e` with a "properties" column.
 */
export class SegmentPersonCondition implements PersonCondition {
  constructor(
    private readonly definition: SegmentDefinition,
    private readonly asOf: Date,
  ) {}

  sql(tenant: string, parameters: SqlParameters): string {
    const traitFilters = this.definition.traitFilters ?? [];
    const conditions = traitFilters.map((filter) => `coalesce(${propertyFilterSql(filter, parameters)}, false)`);
    for (const rule of this.definition.performed ?? []) {
      const window = segmentRuleWindow(rule, this.asOf);
      conditions.push(`e."person" IN (
        SELECT ${PERSON_KEY_SQL} FROM "events" e
         WHERE e."tenant_id" = ${tenant}::uuid AND e."occurred_at" >= ${parameters.add(new Date(window.from).toISOString())}::timestamptz
           AND e."occurred_at" < ${parameters.add(new Date(window.to).toISOString())}::timestamptz AND ${eventMatcherSql(rule, parameters)}
         GROUP BY 1 HAVING count(*) >= ${parameters.add(rule.minTimes)}::int)`);
    }
    // Without trait filters the traits are not needed: skip reading identify events.
    const traits = traitFilters.length > 0 ? `LEFT JOIN (${mergedTraitsSql(tenant, parameters)}) t ON t."person" = p."person"` : '';
    return `SELECT e."person" FROM (
        SELECT p."person", ${traits ? `coalesce(t."traits", '{}'::jsonb)` : `'{}'::jsonb`} AS "properties"
          FROM (SELECT DISTINCT ${PERSON_KEY_SQL} AS "person" FROM "events" e WHERE e."tenant_id" = ${tenant}::uuid AND ${PERSON_KEY_SQL} IS NOT NULL) p ${traits}
      ) e
      WHERE ${conditions.length > 0 ? conditions.join(' AND ') : 'true'}`;
  }
}

/**
 * Per person, each trait's latest `traits` value, else its earliest `traits_set_once` value (analytics-core's
 * `mergeTraits`): rows of (person, "traits" jsonb).
 */
export function mergedTraitsSql(tenant: string, parameters: SqlParameters): string {
  const identify = parameters.add(IDENTIFY_EVENT_TYPE);
  const entries = (field: string, kind: number) => {
    const name = parameters.add(field);
    return `SELECT ${PERSON_KEY_SQL} AS "person", t."key", t."value", ${kind} AS "kind", extract(epoch FROM e."occurred_at") AS "at", e."event_id"
       FROM "events" e
       CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(e."properties" -> ${name}::text) = 'object' THEN e."properties" -> ${name}::text ELSE '{}'::jsonb END) AS t("key", "value")
      WHERE e."tenant_id" = ${tenant}::uuid AND e."type" = ${identify}::text AND ${PERSON_KEY_SQL} IS NOT NULL`;
  };
  return `SELECT "person", jsonb_object_agg("key", "value") AS "traits" FROM (
      SELECT DISTINCT ON ("person", "key") "person", "key", "value" FROM (${entries('traits', 0)} UNION ALL ${entries('traits_set_once', 1)}) AS "entries"
       ORDER BY "person", "key", "kind",
                CASE WHEN "kind" = 0 THEN -"at" ELSE "at" END,
                CASE WHEN "kind" = 0 THEN "event_id" END COLLATE "C" DESC,
                CASE WHEN "kind" = 1 THEN "event_id" END COLLATE "C"
    ) AS "latest" GROUP BY "person"`;
}
