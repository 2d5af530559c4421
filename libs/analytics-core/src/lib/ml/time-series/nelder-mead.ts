/**
 * Nelder–Mead simplex minimisation (the standard coefficients: reflection 1, expansion 2, contraction ½,
 * shrink ½; Lagarias et al. 1998). Derivative-free, which suits a sum of squared one-step errors whose
 * gradient would need the recursions differentiated. Stops when the simplex's values agree within
 * `tolerance` (relative) or after `maxEvaluations`.
 */
export interface NelderMeadOptions {
  /** Edge of the initial simplex along each axis. */
  step?: number;
  tolerance?: number;
  maxEvaluations?: number;
}

export interface NelderMeadResult {
  point: number[];
  value: number;
  evaluations: number;
}

export function nelderMead(
  objective: (point: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const { step = 0.5, tolerance = 1e-7, maxEvaluations = 200 * Math.max(1, start.length) } = options;
  const dimensions = start.length;
  let evaluations = 0;
  const evaluate = (point: number[]): number => {
    evaluations++;
    const value = objective(point);
    return Number.isFinite(value) ? value : Infinity;
  };
  const simplex: { point: number[]; value: number }[] = [{ point: [...start], value: evaluate([...start]) }];
  for (let d = 0; d < dimensions; d++) {
    const point = [...start];
    point[d] += step;
    simplex.push({ point, value: evaluate(point) });
  }
  if (dimensions === 0) return { point: [], value: simplex[0].value, evaluations };

  const combine = (a: readonly number[], b: readonly number[], weight: number): number[] =>
    a.map((value, i) => value + weight * (b[i] - value));
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[dimensions];
    if (Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + 1e-12)) break;
    const centroid = new Array<number>(dimensions).fill(0);
    for (let v = 0; v < dimensions; v++)
      for (let d = 0; d < dimensions; d++) centroid[d] += simplex[v].point[d] / dimensions;

    const reflected = combine(centroid, worst.point, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < best.value) {
      const expanded = combine(centroid, worst.point, -2);
      const expandedValue = evaluate(expanded);
      simplex[dimensions] =
        expandedValue < reflectedValue
          ? { point: expanded, value: expandedValue }
          : { point: reflected, value: reflectedValue };
      continue;
    }
    if (reflectedValue < simplex[dimensions - 1].value) {
      simplex[dimensions] = { point: reflected, value: reflectedValue };
      continue;
    }
    const outside = reflectedValue < worst.value;
    const contracted = outside ? combine(centroid, reflected, 0.5) : combine(centroid, worst.point, 0.5);
    const contractedValue = evaluate(contracted);
    if (contractedValue < (outside ? reflectedValue : worst.value)) {
      simplex[dimensions] = { point: contracted, value: contractedValue };
      continue;
    }
    for (let v = 1; v <= dimensions; v++) {
      const point = combine(best.point, simplex[v].point, 0.5);
      simplex[v] = { point, value: evaluate(point) };
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return { point: simplex[0].point, value: simplex[0].value, evaluations };
}
