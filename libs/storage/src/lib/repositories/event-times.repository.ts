import { EVENT_TIME_CHUNK_RECORDS, EVENT_TIME_RECORD_BYTES, encodeEventTimes, type EventTimeGroup } from '../rollups/event-times-planning';
import type { SqlExecutor } from './sql-executor';

/**
 * `person_ids` (a small integer per tenant person, so a chunk record is 8 bytes) and `event_time_chunks`
 * (see `event-times-planning`). Works in the caller's transaction.
 */
export class EventTimesRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** Appends the groups' records to the last chunk of their (tenant, type, day), or starts the next one once it is full. */
  async appendEventTimes(groups: readonly EventTimeGroup[]): Promise<void> {
    if (groups.length === 0) return;
    const ids = await this.personIds(groups.flatMap((group) => group.userKeys.map((userKey) => ({ tenantId: group.tenantId, userKey }))));
    const sorted = [...groups].sort((a, b) => compare(a.tenantId, b.tenantId) || compare(a.eventType, b.eventType) || compare(a.day, b.day));
    const records = sorted.map((group) =>
      encodeEventTimes(
        group.userKeys.map((userKey) => ids.get(personKey(group.tenantId, userKey)) as number),
        group.msOfDay,
      ).toString('hex'),
    );
    // Two writers may pick the same chunk (or both start the next): the upsert then appends after the other's
    // commit, so no record is lost; a chunk may just end a little over its size.
    await this.sql.query(
      `INSERT INTO "event_time_chunks" ("tenant_id", "event_type", "day", "chunk", "data")
        SELECT i.t, i.ty, i.d,
               coalesce((SELECT c."chunk" + CASE WHEN length(c."data") >= ${EVENT_TIME_CHUNK_RECORDS * EVENT_TIME_RECORD_BYTES} THEN 1 ELSE 0 END
                           FROM "event_time_chunks" c
                          WHERE c."tenant_id" = i.t AND c."event_type" = i.ty AND c."day" = i.d
                          ORDER BY c."chunk" DESC LIMIT 1), 0),
               decode(i.x, 'hex')
          FROM unnest($1::uuid[], $2::varchar[], $3::date[], $4::text[]) WITH ORDINALITY AS i(t, ty, d, x, position)
         ORDER BY i.position
        ON CONFLICT ("tenant_id", "event_type", "day", "chunk") DO UPDATE SET "data" = "event_time_chunks"."data" || EXCLUDED."data"`,
      [sorted.map((group) => group.tenantId), sorted.map((group) => group.eventType), sorted.map((group) => group.day), records],
    );
  }

  /** Each (tenant, person key)'s id, assigned on first sight; keys of the map are `personKey(tenantId, userKey)`. */
  private async personIds(persons: ReadonlyArray<{ tenantId: string; userKey: string }>): Promise<Map<string, number>> {
    const unique = new Map(persons.map((person) => [personKey(person.tenantId, person.userKey), person]));
    const sorted = [...unique.values()].sort((a, b) => compare(a.tenantId, b.tenantId) || compare(a.userKey, b.userKey));
    const tenants = sorted.map((person) => person.tenantId);
    const keys = sorted.map((person) => person.userKey);
    await this.sql.query(
      `INSERT INTO "person_ids" ("tenant_id", "user_key")
        SELECT t, k FROM unnest($1::uuid[], $2::varchar[]) WITH ORDINALITY AS i(t, k, position) ORDER BY position
        ON CONFLICT ("tenant_id", "user_key") DO NOTHING`,
      [tenants, keys],
    );
    // A separate statement: its snapshot sees ids another writer committed while the insert waited on them.
    const rows: Array<{ tenant_id: string; user_key: string; person_id: number }> = await this.sql.query(
      `SELECT p."tenant_id", p."user_key", p."person_id" FROM "person_ids" p
        WHERE (p."tenant_id", p."user_key") IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))`,
      [tenants, keys],
    );
    return new Map(rows.map((row) => [personKey(row.tenant_id, row.user_key), Number(row.person_id)]));
  }
}

function personKey(tenantId: string, userKey: string): string {
  return `${tenantId}\u0000${userKey}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
