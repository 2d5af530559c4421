import { aggregateRollups, mergeRollups, type RollupDelta, type RollupEvent } from '@pulse/analytics-core';
import type { EventCategory } from '@pulse/contracts';
import type { RollupDeltaInput } from '@pulse/storage';

/** A stored event as the rollups see it. */
export interface RollupSource {
  tenantId: string;
  type: string;
  category: EventCategory;
  occurredAt: Date;
  /** Null for machine events: they are counted, but no user is. */
  userKey: string | null;
  deviceType: string | null;
  properties: Readonly<Record<string, unknown>>;
}

/**
 * Dimensions each domain is broken down by, besides the total (always kept). Each set costs one
 * rollup row per bucket and value, plus one (rollup, user) pair per distinct user for exact uniques,
 * so the list is short and chosen per domain.
 */
export const ROLLUP_DIMENSIONS_BY_CATEGORY: Readonly<Record<EventCategory, ReadonlyArray<readonly string[]>>> = {
  commerce: [['device_type'], ['product_category']],
  content: [['device_type'], ['content_type']],
  conversation: [['channel']],
  model_usage: [['model_provider']],
  system: [['metric_name']],
  import: [['source']],
  identity: [],
  custom: [['device_type']],
};

/** Where each dimension's value comes from (enrichment columns or a property). */
const DIMENSION_SOURCES: Record<string, (source: RollupSource) => unknown> = {
  device_type: (source) => source.deviceType,
  product_category: (source) => source.properties['category'],
  content_type: (source) => source.properties['content_type'],
  channel: (source) => source.properties['channel'],
  model_provider: (source) => source.properties['model_provider'],
  metric_name: (source) => source.properties['metric_name'],
  source: (source) => source.properties['source'],
};

/** Numeric properties summarised (count, sum, min, max, histogram) wherever they appear. */
export const ROLLUP_NUMERIC_PROPERTIES: readonly string[] = [
  // commerce
  'revenue',
  'total',
  'price',
  'quantity',
  'tax',
  'shipping',
  'discount',
  'results_count',
  // content
  'duration_seconds',
  'watch_time_seconds',
  // conversation
  'response_time_ms',
  'message_length',
  'sentiment_score',
  'satisfaction_score',
  'message_count',
  // model usage
  'tokens_used',
  'input_tokens',
  'output_tokens',
  'cost_cents',
  'latency_ms',
  // system and import jobs
  'metric_value',
  'records_processed',
  'records_failed',
  'duration_ms',
];

/** Money that must not be summed across currencies. */
const MONEY_PROPERTIES = ['revenue', 'total', 'price', 'tax', 'shipping', 'discount'];

/**
 * Rollup deltas (minute, hour and tenant-local day) for one tenant's NEW events. Money amounts of an
 * event in another currency than the tenant's are summarised under `<name>:<CURRENCY>` (e.g.
 * `revenue:EUR`) instead of `revenue`, so sums never mix currencies.
 */
export function planRollups(
  tenant: { id: string; timeZone: string; currency: string },
  sources: readonly RollupSource[],
): RollupDeltaInput[] {
  const byCategory = new Map<EventCategory, RollupEvent[]>();
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
    for (const [name, valueOf] of Object.entries(DIMENSION_SOURCES)) event[name] = valueOf(source);
    const list = byCategory.get(source.category);
    if (list) list.push(event);
    else byCategory.set(source.category, [event]);
  }
  const merged = new Map<string, RollupDelta>();
  for (const [category, events] of byCategory) {
    const deltas = aggregateRollups(events, {
      timeZone: tenant.timeZone,
      numericProperties: [...numericProperties],
      dimensionSets: ROLLUP_DIMENSIONS_BY_CATEGORY[category],
    });
    // A custom type may be declared with different categories; its deltas then meet here.
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
