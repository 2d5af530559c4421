import type { SqlExecutor } from '../repositories/sql-executor';

export interface StoredPropertyMapping {
  eventType: string;
  from: string;
  to: string;
  mode: 'rename' | 'alias';
}

/** A tenant's property mappings (`property_mappings`), applied by ingestion before validation. */
export class PropertyMappingRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async list(tenantId: string): Promise<StoredPropertyMapping[]> {
    const rows: Array<{ event_type: string; from_property: string; to_property: string; mode: 'rename' | 'alias' }> =
      await this.sql.query(
        `SELECT "event_type", "from_property", "to_property", "mode" FROM "property_mappings"
          WHERE "tenant_id" = $1 ORDER BY "event_type", "from_property"`,
        [tenantId],
      );
    return rows.map((row) => ({ eventType: row.event_type, from: row.from_property, to: row.to_property, mode: row.mode }));
  }

  /** Replaces the tenant's whole list: give it a transaction's executor, so readers never see half of it. */
  async replace(tenantId: string, mappings: readonly StoredPropertyMapping[]): Promise<void> {
    await this.sql.query(`DELETE FROM "property_mappings" WHERE "tenant_id" = $1`, [tenantId]);
    await this.sql.query(
      `INSERT INTO "property_mappings" ("tenant_id", "event_type", "from_property", "to_property", "mode")
       SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[])`,
      [
        tenantId,
        mappings.map((mapping) => mapping.eventType),
        mappings.map((mapping) => mapping.from),
        mappings.map((mapping) => mapping.to),
        mappings.map((mapping) => mapping.mode),
      ],
    );
  }
}
