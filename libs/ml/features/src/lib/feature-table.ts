/**
 * A feature table: one row per key (a person, a conversation), one column per feature. `values` are what a
 * model reads (counts on a log scale, shares and balances as they are); `readable` are the same features as a
 * person counts them (events, days, minutes), for explanations. Standardisation is not done here: it belongs
 * to the model, fitted on its training rows only, so held-out rows never leak into it.
 */
export interface FeatureTable {
  featureNames: readonly string[];
  keys: string[];
  values: number[][];
  /** null where the feature was not observed (the model value was filled in). */
  readable: (number | null)[][];
}

/** The readable values of one row by feature name (null where not observed). */
export function readableRow(table: FeatureTable, index: number): Record<string, number | null> {
  return Object.fromEntries(table.featureNames.map((name, j) => [name, table.readable[index][j]]));
}
