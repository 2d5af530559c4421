/**
 * Everyone known as one person id: the id itself and every id linked to it by identify/alias
 * (identity_links, followed back through chains). `linkedPersonCtes` defines "aliases"(id) and
 * "keys"(key) and must follow `WITH RECURSIVE`; `LINKED_PERSON_EVENT_SQL` is true for an event `e` of
 * that person. Rows the processor stitched carry the key in user_key (`<id>` or `anon:<anonymousId>`);
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

export const LINKED_PERSON_EVENT_SQL = `(e."user_key" IN (SELECT "key" FROM "keys")
  OR (e."user_key" IS NULL AND (e."user_id" IN (SELECT "id" FROM "aliases") OR (e."user_id" IS NULL AND e."anonymous_id" IN (SELECT "id" FROM "aliases")))))`;

/** `anon:<x>` asks for the anonymous id x; any other id is itself. */
export function personSeed(personId: string): string {
  return personId.startsWith('anon:') ? personId.slice('anon:'.length) : personId;
}
