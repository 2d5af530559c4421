import { Inject, Injectable } from '@nestjs/common';
import type { EventValidationOptions, PropertyMapping, SchemaPolicy } from '@pulse/contracts';
import { DATA_SOURCE, PropertyMappingRepository, TenantRepository, type SqlExecutor } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { INGESTION_CLOCK, type IngestionClock } from '../ingestion-clock';

/**
 * How long a tenant's schema policy and property mappings are trusted before they are read again.
 * A change through this process's admin API takes effect at once; other replicas see it within this.
 */
export const SCHEMA_SETTINGS_TTL_MS = 30_000;

/** What ingestion validates a tenant's events with. */
export interface TenantSchemaSettings extends EventValidationOptions {
  policy: SchemaPolicy;
  mappings: PropertyMapping[];
}

/** Reads, caches and changes each tenant's schema policy and property mappings. */
@Injectable()
export class TenantSchemaSettingsService {
  private readonly cache = new Map<string, { settings: TenantSchemaSettings; expiresAt: number }>();

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly tenants: TenantRepository,
    @Inject(INGESTION_CLOCK) private readonly clock: IngestionClock,
  ) {}

  /** The tenant's settings; a tenant gone meanwhile validates leniently without mappings (its events fail later, quarantined). */
  async of(tenantId: string): Promise<TenantSchemaSettings> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(tenantId);
    if (cached && cached.expiresAt > now) return cached.settings;
    const [tenant, mappings] = await Promise.all([
      this.tenants.findById(tenantId),
      new PropertyMappingRepository(this.dataSource).list(tenantId),
    ]);
    const settings: TenantSchemaSettings = { policy: tenant?.schemaPolicy ?? 'lenient', mappings };
    this.cache.set(tenantId, { settings, expiresAt: now + SCHEMA_SETTINGS_TTL_MS });
    return settings;
  }

  /** Reads the tenant's settings afresh next time (after the admin API changed its policy). */
  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }

  /** Null for an unknown tenant; otherwise the tenant's mappings, replaced as a whole. */
  async mappingsOf(tenantId: string): Promise<PropertyMapping[] | null> {
    if ((await this.tenants.findById(tenantId)) === null) return null;
    return new PropertyMappingRepository(this.dataSource).list(tenantId);
  }

  async replaceMappings(tenantId: string, mappings: readonly PropertyMapping[]): Promise<PropertyMapping[] | null> {
    if ((await this.tenants.findById(tenantId)) === null) return null;
    await this.dataSource.transaction((sql: SqlExecutor) => new PropertyMappingRepository(sql).replace(tenantId, mappings));
    this.cache.delete(tenantId);
    return new PropertyMappingRepository(this.dataSource).list(tenantId);
  }
}
