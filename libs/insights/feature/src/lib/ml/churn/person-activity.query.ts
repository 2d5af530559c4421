import { MACHINE_CATEGORIES } from '@pulse/contracts';
import { CHURN_OBSERVATION, CHURN_WINDOW_DAYS, type PersonActivity } from '@pulse/ml-features';
import { PERSON_KEY_SQL, SqlParameters, type SqlExecutor } from '@pulse/storage';

/** Event types that count as a conversion (a purchase, or a tenant's own `conversion`). */
export const CONVERSION_EVENT_TYPES = ['purchase', 'order_completed', 'conversion'] as const;
export const ESCALATION_EVENT_TYPE = 'conversation_escalated';

const DAY_MS = 86_400_000;

/** A person's activity before a cut and, for training, whether they came back within the horizon. */
export interface LabelledPersonActivity extends PersonActivity {
  /** Any event in [cut, cut + 14 days); undefined when the query was not asked for labels. */
  returned?: boolean;
}

/**
 * Per person, the aggregates of the churn feature table for one cut, grouped in the database: events are read
 * once over (cut − 28 days, cut) — and, for labels, up to cut + 14 days — by the (tenant, occurred_at) index.
 * Days are 24-hour spans counted back from the cut (`days_ago`), so no time zone is involved; a period is 7
 * of them. Machine events (system metrics, model usage, imports) are not a person's activity.
 */
export class PersonActivityQuery {
  constructor(private readonly sql: SqlExecutor) {}

  /** Everyone active in the window; with `labelled`, also whether each returned within the horizon (the cut must then be ≥ 14 days old). */
  everyone(tenantId: string, cut: Date, options: { labelled: boolean }): Promise<LabelledPersonActivity[]> {
    return this.read(tenantId, cut, options.labelled, null);
  }

  /** One person by their key (the stitched user key, a user id, or `anon:<anonymous id>`); null when not active in the window. */
  async one(tenantId: string, cut: Date, person: string): Promise<PersonActivity | null> {
    const [row] = await this.read(tenantId, cut, false, person);
    return row ?? null;
  }

  private async read(tenantId: string, cut: Date, labelled: boolean, person: string | null): Promise<LabelledPersonActivity[]> {
    const parameters = new SqlParameters();
    const tenant = parameters.add(tenantId);
    const start = parameters.add(new Date(cut.getTime() - CHURN_WINDOW_DAYS * DAY_MS).toISOString());
    const cutAt = parameters.add(cut.toISOString());
    const end = parameters.add(new Date(cut.getTime() + (labelled ? CHURN_OBSERVATION.horizonDays * DAY_MS : 0)).toISOString());
    const machine = parameters.add(MACHINE_CATEGORIES);
    const conversions = parameters.add(CONVERSION_EVENT_TYPES);
    const escalation = parameters.add(ESCALATION_EVENT_TYPE);
    const scope = `e."tenant_id" = ${tenant}::uuid AND e."occurred_at" > ${start}::timestamptz AND e."occurred_at" < ${end}::timestamptz AND e."category" <> ALL(${machine}::varchar[])`;
    const columns = `${PERSON_KEY_SQL} AS "person", e."occurred_at" AS "at", e."type", e."session_id"`;
    const scoped =
      person === null ? `SELECT ${columns} FROM "events" e WHERE ${scope} AND ${PERSON_KEY_SQL} IS NOT NULL` : onePersonSql(columns, scope, person, parameters);
    const periodDays = CHURN_OBSERVATION.periodDays;
    const perPeriod = Array.from({ length: CHURN_OBSERVATION.periods }, (_, period) => {
      const inPeriod = `"days_ago" / ${periodDays} = ${period}`;
      return `count(*) FILTER (WHERE ${inPeriod}) AS "events_${period}", count(DISTINCT "days_ago") FILTER (WHERE ${inPeriod}) AS "days_${period}"`;
    }).join(',\n               ');
    const rows: Array<Record<string, unknown>> = await this.sql.query(
      `WITH "scoped" AS MATERIALIZED (${scoped}),
        "before_cut" AS (
          SELECT "person", "at", "type", "session_id", floor(extract(epoch FROM (${cutAt}::timestamptz - "at")) / 86400)::int AS "days_ago"
            FROM "scoped" WHERE "at" < ${cutAt}::timestamptz
        ),
        "returned" AS (SELECT DISTINCT "person" FROM "scoped" WHERE "at" >= ${cutAt}::timestamptz)
        SELECT b."person",
               extract(epoch FROM (${cutAt}::timestamptz - max(b."at")))::float8 / 86400 AS "days_since_last_event",
               ${perPeriod},
               count(DISTINCT b."session_id") AS "sessions",
               count(*) FILTER (WHERE b."type" = ANY(${conversions}::varchar[])) AS "conversions",
               count(*) FILTER (WHERE b."type" = ${escalation}::varchar) AS "escalations",
               bool_or(r."person" IS NOT NULL) AS "returned"
          FROM "before_cut" b
          LEFT JOIN "returned" r ON r."person" = b."person"
         GROUP BY b."person"
         ORDER BY b."person" COLLATE "C"`,
      parameters.values,
    );
    return rows.map((row) => ({
      person: String(row['person']),
      daysSinceLastEvent: Number(row['days_since_last_event']),
      periodEvents: Array.from({ length: CHURN_OBSERVATION.periods }, (_, period) => Number(row[`events_${period}`])),
      periodActiveDays: Array.from({ length: CHURN_OBSERVATION.periods }, (_, period) => Number(row[`days_${period}`])),
      sessions: Number(row['sessions']),
      conversions: Number(row['conversions']),
      escalations: Number(row['escalations']),
      ...(labelled ? { returned: row['returned'] === true } : {}),
    }));
  }
}

/**
 * One person's events as three disjoint branches, each served by an index (as the journey and profile queries
 * do): rows the processor stitched by user_key, unstitched rows by user id, unstitched anonymous rows by
 * anonymous id. One OR condition would scan the tenant's whole window instead.
 */
function onePersonSql(columns: string, scope: string, person: string, parameters: SqlParameters): string {
  const key = parameters.add(person);
  const anonymous = parameters.add(person.startsWith('anon:') ? person.slice('anon:'.length) : null);
  return [
    `e."user_key" = ${key}::varchar`,
    `e."user_key" IS NULL AND e."user_id" = ${key}::varchar`,
    `e."user_key" IS NULL AND e."user_id" IS NULL AND e."anonymous_id" = ${anonymous}::varchar`,
  ]
    .map((condition) => `SELECT ${columns} FROM "events" e WHERE ${scope} AND ${condition}`)
    .join(' UNION ALL ');
}
