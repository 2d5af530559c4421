import { ROLLUP_DIMENSION_FIELDS, ROLLUP_NUMERIC_PROPERTIES, rolledUpDimensionSets } from '../rollup-definition';

/**
 * What the rollups hold, as the planner needs to know it: which dimensions exist (and which query field
 * each one is), which combinations were rolled up together, and which numeric properties are summarised.
 *
 * It is read from the definition the stream processor writes rollups by (../rollup-definition.ts). A
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
  dimensions: ROLLUP_DIMENSION_FIELDS,
  dimensionSets: rolledUpDimensionSets(),
  numericProperties: ROLLUP_NUMERIC_PROPERTIES,
};
