/**
 * Missing values (NaN or null) filled for the smoothing recursions: linearly between the nearest present
 * neighbours; leading gaps take the first present value, trailing gaps the last.
 */
export function fillGapsLinearly(values: ArrayLike<number | null>): Float64Array {
  const n = values.length;
  const filled = new Float64Array(n);
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value === null || !Number.isFinite(value)) continue;
    filled[i] = value;
    if (previous < 0) for (let j = 0; j < i; j++) filled[j] = value;
    else
      for (let j = previous + 1; j < i; j++)
        filled[j] = filled[previous] + ((value - filled[previous]) * (j - previous)) / (i - previous);
    previous = i;
  }
  if (previous < 0) throw new RangeError('The series has no values');
  for (let j = previous + 1; j < n; j++) filled[j] = filled[previous];
  return filled;
}
