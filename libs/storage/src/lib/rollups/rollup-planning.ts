import {
  aggregateRollups,
  ALL_TYPES_ROLLUP_GRANULARITIES,
  mergeRollups,
  MONEY_PROPERTIES,
  ROLLUP_DIMENSION_FIELDS,
  ROLLUP_DIMENSIONS_BY_CATEGORY,
  ROLLUP_NUMERIC_PROPERTIES,
  type RollupDelta,
  type RollupEvent,
} from '@pulse/analytics-core';
import type { RollupDeltaInput } from '../repositories/event-rollup.repository';

/** A stored event as the rollups see it. */
export interface RollupSource {
  tenantId: string;
  type: string;
  /** Event category (@pulse/contracts `EventCategory`): picks the dimension sets. */
  category: string;
  occurredAt: Date;
  /** Null for machine events: they are counted, but no user is. */
  userKey: string | null;
  deviceType: string | null;
  properties: Readonly<Record<string, unknown>>;
}

/** Where each dimension's value comes from: the enrichment column or the property its query field names. */
const DIMENSION_SOURCES: ReadonlyArray<[string, (source: RollupSource) => unknown]> = Object.entries(ROLLUP_DIMENSION_FIELDS).map(
  ([name, field]): [string, (source: RollupSource) => unknown] => {
    if (field === 'device_type') return [name, (source) => source.deviceType];
    const property = field.slice('properties.'.length);
    return [name, (source) => source.properties[property]];
  },
);

/**
 * Rollup deltas for one tenant's NEW events, as the stream processor writes them: per type at minute,
 * hour and tenant-local day; for all types together (`ALL_EVENT_TYPES`) at hour, day, week and month.
 * Money amounts of an event in another currency than the tenant's are summarised under
 * `<name>:<CURRENCY>` (e.g. `revenue:EUR`) instead of `revenue`, so sums never mix currencies.
 * Shared here so tests and tools write exactly what the processor writes.
 */
export function planRollups(
  tenant: { id: string; timeZone: string; currency: string },
  sources: readonly RollupSource[],
): RollupDeltaInput[] {
  const byCategory = new Map<string, RollupEvent[]>();
  const numericProperties = new Set(ROLLUP_NUMERIC_PROPERTIES);
  for (const source of sources) {
    const properties = withCurrencyQualifiedMoney(source.properties, tenant.currency, numericProperties);
    const event: RollupEvent & Record<string, unknown> = {
      tenantId: tenant.id,
      type: source.type,
      occurredAt: source.occurredAt,
      // analytics-core counts every event's key; '' marks "no user" and is dropped below.
      userKey: source.userKey ?? '',
      properties,
    };
    for (const [name, valueOf] of DIMENSION_SOURCES) event[name] = valueOf(source);
    const list = byCategory.get(source.category);
    if (list) list.push(event);
    else byCategory.set(source.category, [event]);
  }
  const merged = new Map<string, RollupDelta>();
  for (const [category, events] of byCategory) {
    const deltas = aggregateRollups(events, {
      timeZone: tenant.timeZone,
      numericProperties: [...numericProperties],
      dimensionSets: ROLLUP_DIMENSIONS_BY_CATEGORY[category] ?? [],
      allTypesGranularities: ALL_TYPES_ROLLUP_GRANULARITIES,
    });
    // A custom type may be declared with different categories, and all-types rollups come from every
    // category: their deltas meet here.
    for (const delta of deltas) {
      const known = merged.get(delta.key);
      merged.set(delta.key, known === undefined ? delta : mergeRollups(known, delta));
    }
  }
  return [...merged.values()].map((delta) => ({
    tenantId: delta.tenantId,
    granularity: delta.granularity,
    bucketStart: delta.bucketStart,
    bucketLabel: delta.bucketLabel,
    eventType: delta.eventType,
    dimensions: delta.dimensions,
    count: delta.count,
    userKeys: delta.userKeys.filter((userKey) => userKey !== ''),
    metrics: delta.metrics,
  }));
}

function withCurrencyQualifiedMoney(
  properties: Readonly<Record<string, unknown>>,
  tenantCurrency: string,
  numericProperties: Set<string>,
): Readonly<Record<string, unknown>> {
  const currency = properties['currency'];
  if (typeof currency !== 'string' || currency === tenantCurrency) return properties;
  const qualified: Record<string, unknown> = { ...properties };
  for (const name of MONEY_PROPERTIES) {
    if (!(name in qualified)) continue;
    const qualifiedName = `${name}:${currency}`;
    qualified[qualifiedName] = qualified[name];
    delete qualified[name];
    numericProperties.add(qualifiedName);
  }
  return qualified;
}
