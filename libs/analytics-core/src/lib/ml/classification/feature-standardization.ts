/**
 * Standardisation of a feature table (scikit-learn's `StandardScaler`): each column minus its mean,
 * divided by its population standard deviation (n in the denominator). Fitted on training rows only, so
 * validation and scoring see the same transformation the model was trained under.
 */
export interface FeatureScaling {
  means: number[];
  /** Population standard deviations; a constant column gets 1 (as scikit-learn does), so it maps to 0. */
  stds: number[];
}

export function fitFeatureScaling(rows: readonly (readonly number[])[]): FeatureScaling {
  if (rows.length === 0) throw new RangeError('Scaling needs at least one row');
  const width = rows[0].length;
  const means = new Array<number>(width).fill(0);
  for (const row of rows) {
    assertRow(row, width);
    for (let j = 0; j < width; j++) means[j] += row[j];
  }
  for (let j = 0; j < width; j++) means[j] /= rows.length;
  const squares = new Array<number>(width).fill(0);
  for (const row of rows) {
    for (let j = 0; j < width; j++) squares[j] += (row[j] - means[j]) ** 2;
  }
  const stds = squares.map((sum) => {
    const std = Math.sqrt(sum / rows.length);
    return std > 0 ? std : 1;
  });
  return { means, stds };
}

export function scaleRow(row: readonly number[], scaling: FeatureScaling): number[] {
  assertRow(row, scaling.means.length);
  return row.map((value, j) => (value - scaling.means[j]) / scaling.stds[j]);
}

function assertRow(row: readonly number[], width: number): void {
  if (row.length !== width) throw new RangeError(`Every row needs ${width} features, got ${row.length}`);
  for (const value of row) {
    if (!Number.isFinite(value)) throw new RangeError(`Features must be finite numbers, got ${value}`);
  }
}
