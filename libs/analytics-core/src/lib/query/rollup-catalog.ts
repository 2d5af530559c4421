/**
 * What the rollups hold, as the planner needs to know it: which dimensions exist (and which query field
 * each one is), which combinations were rolled up together, and which numeric properties are summarised.
 *
 * It describes the stream processor's rollup planning (libs/stream-processor/feature/src/lib/pipeline/
 * rollup-planning.ts: ROLLUP_DIMENSIONS_BY_CATEGORY, DIMENSION_SOURCES, ROLLUP_NUMERIC_PROPERTIES). A
 * dimension set exists only for the event categories that roll it up, so the executor also checks, per
 * query, that a set's rows count every event before answering from it.
 */
export interface RollupCatalog {
  /** Rollup dimension name → the query field it holds (`device_type`, `properties.category`). */
  dimensions: Readonly<Record<string, string>>;
  /** The dimension combinations that have rollup rows (the set without dimensions always has). */
  dimensionSets: ReadonlyArray<readonly string[]>;
  /** Properties with count/sum/min/max summaries (money only in the tenant's currency). */
  numericProperties: readonly string[];
}

export const STREAM_PROCESSOR_ROLLUP_CATALOG: RollupCatalog = {
  dimensions: {
    device_type: 'device_type',
    product_category: 'properties.category',
    content_type: 'properties.content_type',
    channel: 'properties.channel',
    model_provider: 'properties.model_provider',
    metric_name: 'properties.metric_name',
    source: 'properties.source',
  },
  dimensionSets: [['device_type'], ['product_category'], ['content_type'], ['channel'], ['model_provider'], ['metric_name'], ['source']],
  numericProperties: [
    'revenue',
    'total',
    'price',
    'quantity',
    'tax',
    'shipping',
    'discount',
    'results_count',
    'duration_seconds',
    'watch_time_seconds',
    'response_time_ms',
    'message_length',
    'sentiment_score',
    'satisfaction_score',
    'message_count',
    'tokens_used',
    'input_tokens',
    'output_tokens',
    'cost_cents',
    'latency_ms',
    'metric_value',
    'records_processed',
    'records_failed',
    'duration_ms',
  ],
};
