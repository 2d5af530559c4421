import { aggregateRollups, ALL_TYPES_ROLLUP_GRANULARITIES, STREAM_PROCESSOR_ROLLUP_CATALOG, timeContext, type RollupEvent } from '@pulse/analytics-core';
import { EventRollupRepository } from '../lib/repositories/event-rollup.repository';
import { PersonActiveDaysRepository } from '../lib/repositories/person-active-days.repository';
import { ProcessedEventRepository, type ProcessedEvent } from '../lib/repositories/processed-event.repository';
import type { SqlExecutor } from '../lib/repositories/sql-executor';
import { planActiveDays } from '../lib/rollups/active-days-planning';

/** An event of a query fixture: what a test states; the rest is derived as the stream processor would. */
export interface QueryFixtureEvent {
  id: string;
  type: string;
  at: string;
  user: string | null;
  device: string | null;
  properties?: Record<string, unknown>;
  /** The event's context (page, campaign, locale, …); none when omitted. */
  context?: Record<string, unknown>;
  receivedAt?: string;
}

const MONEY = ['revenue', 'total', 'price', 'tax', 'shipping', 'discount'];

/**
 * Stores a tenant's events with their enrichment and maintains their rollups with the real code
 * (`aggregateRollups` + `EventRollupRepository.applyDeltas`), every catalog dimension set for every
 * event, money in other currencies summarised apart (`revenue:USD`), the all-event-types ('*')
 * rollups and the persons' active days, as the stream processor does.
 */
export async function storeQueryEvents(
  sql: SqlExecutor,
  tenant: { id: string; timeZone: string; currency: string },
  events: readonly QueryFixtureEvent[],
): Promise<void> {
  const rows: ProcessedEvent[] = events.map((event) => {
    const occurredAt = new Date(event.at);
    const context = timeContext(occurredAt, tenant.timeZone);
    return {
      tenantId: tenant.id,
      eventId: event.id,
      type: event.type,
      category: 'commerce',
      occurredAt,
      receivedAt: new Date(event.receivedAt ?? event.at),
      userId: event.user,
      anonymousId: null,
      sessionId: null,
      properties: event.properties ?? {},
      context: event.context ?? {},
      userKey: event.user,
      localDate: context.localDate,
      hourOfDay: context.hourOfDay,
      dayOfWeek: context.dayOfWeek,
      isBusinessHours: context.isBusinessHours,
      deviceType: event.device,
      browser: null,
      os: null,
    };
  });
  await new ProcessedEventRepository(sql).insertNew(rows);

  const catalog = STREAM_PROCESSOR_ROLLUP_CATALOG;
  const numericProperties = new Set(catalog.numericProperties);
  const rollupEvents = rows.map((row) => {
    const properties = currencyQualified(row.properties ?? {}, tenant.currency, numericProperties);
    const event: RollupEvent & Record<string, unknown> = { tenantId: row.tenantId, type: row.type, occurredAt: row.occurredAt, userKey: row.userKey ?? '', properties };
    for (const [dimension, field] of Object.entries(catalog.dimensions)) {
      event[dimension] = field === 'device_type' ? row.deviceType : (row.properties ?? {})[field.slice('properties.'.length)];
    }
    return event;
  });
  const deltas = aggregateRollups(rollupEvents, {
    timeZone: tenant.timeZone,
    numericProperties: [...numericProperties],
    dimensionSets: catalog.dimensionSets,
    allTypesGranularities: ALL_TYPES_ROLLUP_GRANULARITIES,
  });
  await new EventRollupRepository(sql).applyDeltas(deltas.map((delta) => ({ ...delta, userKeys: delta.userKeys.filter((key) => key !== '') })));
  await new PersonActiveDaysRepository(sql).recordActiveDays(planActiveDays(tenant, rows));
}

function currencyQualified(properties: Record<string, unknown>, tenantCurrency: string, numericProperties: Set<string>): Record<string, unknown> {
  const currency = properties['currency'];
  if (typeof currency !== 'string' || currency === tenantCurrency) return properties;
  const qualified: Record<string, unknown> = { ...properties };
  for (const name of MONEY.filter((money) => money in qualified)) {
    qualified[`${name}:${currency}`] = qualified[name];
    delete qualified[name];
    numericProperties.add(`${name}:${currency}`);
  }
  return qualified;
}
