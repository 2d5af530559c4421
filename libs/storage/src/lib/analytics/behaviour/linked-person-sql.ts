/**
 * Everyone known as one person id: the id itself and every id linked to it by identify/alias
 * (identity_links, followed back through chains). `linkedPersonCtes` defines "aliases"(id) and
 * "keys"(key) and must follow `WITH RECURSIVE`; `linkedPersonEventsSql` selects that person's events. Rows the processor stitched carry the key in user_key (`<id>` or `anon:<anonymousId>`);
 * unstitched rows match by user id or anonymous id.
 */
export function linkedPersonCtes(tenant: string, seed: string): string {
  return `"aliases"("id") AS (
      SELECT ${seed}::varchar
      UNION
      SELECT l."from_id" FROM "identity_links" l JOIN "aliases" a ON l."to_id" = a."id" WHERE l."tenant_id" = ${tenant}::uuid
    ), "keys"("key") AS (
      SELECT "id" FROM "aliases" UNION SELECT 'anon:' || "id" FROM "aliases"
    )`;
}

/**
 * The person's events: `SELECT columns FROM "events" e WHERE where` for that person, as a UNION ALL of
 * three disjoint branches each served by an index (migration IndexEventsByPerson1764115200500): rows the
 * processor stitched, by user_key; unstitched rows by user id; unstitched rows without one by anonymous
 * id. Written as one OR condition, PostgreSQL scans the tenant's whole time range instead (27 s for one
 * user over 10 M events, docs/BENCHMARKS.md).
 */
export function linkedPersonEventsSql(columns: string, where: string): string {
  const branch = (condition: string) => `SELECT ${columns} FROM "events" e WHERE ${where} AND ${condition}`;
  return [
    branch(`e."user_key" IN (SELECT "key" FROM "keys")`),
    branch(`e."user_key" IS NULL AND e."user_id" IN (SELECT "id" FROM "aliases")`),
    branch(`e."user_key" IS NULL AND e."user_id" IS NULL AND e."anonymous_id" IN (SELECT "id" FROM "aliases")`),
  ].join(' UNION ALL ');
}

/** `anon:<x>` asks for the anonymous id x; any other id is itself. */
export function personSeed(personId: string): string {
  return personId.startsWith('anon:') ? personId.slice('anon:'.length) : personId;
}
