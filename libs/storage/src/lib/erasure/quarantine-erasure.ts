import type { SqlExecutor } from '../repositories/sql-executor';

/**
 * Deletes the tenant's quarantined events that hold one of the person's ids: anywhere in the parsed payload
 * (any key: userId, distinct_id, a property), or as a whole word in the unparsed text or the errors (which may
 * echo a rejected value). A quarantined event is a rejected copy awaiting replay, so it goes rather than being
 * edited. Answers how many rows went.
 */
export async function eraseQuarantinedEvents(sql: SqlExecutor, tenantId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows: Array<{ deleted: number }> = await sql.query(
    `WITH "deleted" AS (
        DELETE FROM "quarantined_events" q
         WHERE q."tenant_id" = $1
           AND EXISTS (
             SELECT 1 FROM unnest($2::text[], $3::text[]) AS i("id", "pattern")
              WHERE (q."payload" IS NOT NULL AND jsonb_path_exists(q."payload", '$.** ? (@ == $id)', jsonb_build_object('id', i."id")))
                 OR concat_ws(' ', q."payload"::text, q."payload_text", q."errors"::text) ~ i."pattern")
        RETURNING 1
      ) SELECT count(*)::int AS "deleted" FROM "deleted"`,
    [tenantId, [...ids], ids.map(wholeWordPattern)],
  );
  return Number(rows[0]?.deleted ?? 0);
}

/** `user-4` matches `"user-4"` and `id=user-4,` but not `user-42`: an id is delimited by anything that cannot be part of one. */
function wholeWordPattern(id: string): string {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `(^|[^[:alnum:]_@.-])${escaped}($|[^[:alnum:]_@.-])`;
}
