/**
 * What Pulse rolls up, in one place: the stream processor writes rollups from it and the query planner
 * reads rollups by it, so the two can never disagree about what a rollup row holds.
 */

/** Each rollup dimension and the query field whose value it holds (an enrichment column or a property). */
export const ROLLUP_DIMENSION_FIELDS = {
  device_type: 'device_type',
  product_category: 'properties.category',
  content_type: 'properties.content_type',
  channel: 'properties.channel',
  model_provider: 'properties.model_provider',
  metric_name: 'properties.metric_name',
  source: 'properties.source',
} as const satisfies Record<string, string>;

export type RollupDimension = keyof typeof ROLLUP_DIMENSION_FIELDS;

/**
 * Dimension sets each event category is broken down by, besides the total (always kept). Each set costs
 * one rollup row per bucket and value, plus one (rollup, user) pair per distinct user for exact uniques,
 * so the list is short and chosen per domain. Keyed by event category (see @pulse/contracts).
 */
export const ROLLUP_DIMENSIONS_BY_CATEGORY: Readonly<Record<string, ReadonlyArray<readonly RollupDimension[]>>> = {
  commerce: [['device_type'], ['product_category']],
  content: [['device_type'], ['content_type']],
  conversation: [['channel']],
  model_usage: [['model_provider']],
  system: [['metric_name']],
  import: [['source']],
  identity: [],
  custom: [['device_type']],
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

/**
 * Money: summed only in the tenant's currency. The processor files an amount in another currency under
 * `<name>:<CURRENCY>` (e.g. `revenue:USD`), and the raw query path counts only the tenant's currency.
 */
export const MONEY_PROPERTIES: readonly string[] = ['revenue', 'total', 'price', 'tax', 'shipping', 'discount'];

/** Every dimension set that has rollup rows for some category (each once). */
export function rolledUpDimensionSets(): RollupDimension[][] {
  const seen = new Map<string, RollupDimension[]>();
  for (const sets of Object.values(ROLLUP_DIMENSIONS_BY_CATEGORY)) {
    for (const set of sets) seen.set([...set].sort().join(','), [...set]);
  }
  return [...seen.values()];
}

/**
 * Event type of the rollups that count every event of a bucket whatever its type. Their user lists hold
 * the bucket's distinct persons, so unique users without a type filter, and retention's "any event",
 * read one list per bucket instead of combining every type's. No event type can be named this.
 */
export const ALL_EVENT_TYPES = '*';

/** Granularities that keep all-types rollups (minute ones would cost the processor more than they save). */
export const ALL_TYPES_ROLLUP_GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
