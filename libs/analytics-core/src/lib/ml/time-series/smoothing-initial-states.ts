import type { SmoothingSpec, SmoothingStates } from './exponential-smoothing';

/**
 * Heuristic initial states from the first cycles (like statsmodels' "heuristic" initialisation in spirit,
 * simpler in detail): level = mean of the first longest cycle, moved back half a cycle by the trend; trend =
 * difference between the means of the first two longest cycles ÷ the period; each season = the average, over
 * up to four cycles, of the values' deviation from their cycle's mean (additive) or ratio to it
 * (multiplicative), the longer season taking what the shorter one left. Seasonals are normalised to sum 0
 * (or average 1). Needs two cycles of the longest period (or 8 points without seasonality).
 */
export function initialStates(values: ArrayLike<number>, spec: SmoothingSpec): SmoothingStates {
  const periods = spec.seasonal === 'none' ? [] : [...spec.periods];
  const cycle = periods.length > 0 ? Math.max(...periods) : Math.min(8, Math.floor(values.length / 2));
  const firstMean = meanOf(values, 0, cycle);
  const secondMean = values.length >= 2 * cycle ? meanOf(values, cycle, 2 * cycle) : firstMean;
  const trend = spec.trend === 'none' ? 0 : (secondMean - firstMean) / cycle;
  const level = firstMean - (trend * (cycle + 1)) / 2;
  if (periods.length === 0) return { level, trend, seasonals: [] };

  const multiplicative = spec.seasonal === 'multiplicative';
  const cycles = Math.max(1, Math.min(4, Math.floor(values.length / cycle)));
  const cycleMeans = Array.from({ length: cycles }, (_, c) => meanOf(values, c * cycle, (c + 1) * cycle));
  const seasonals: number[][] = [];
  for (const period of [...periods].sort((a, b) => a - b)) {
    const sums = new Float64Array(period);
    const counts = new Float64Array(period);
    for (let t = 0; t < cycles * cycle; t++) {
      const centre = cycleMeans[Math.floor(t / cycle)];
      let deviation = multiplicative ? values[t] / centre : values[t] - centre;
      // What the shorter seasons already explain is not counted again.
      for (let k = 0; k < seasonals.length; k++) deviation -= seasonals[k][t % seasonals[k].length];
      sums[t % period] += deviation;
      counts[t % period]++;
    }
    const season = Array.from(sums, (sum, j) => sum / counts[j]);
    const average = season.reduce((total, value) => total + value, 0) / period;
    seasonals.push(season.map((value) => (multiplicative ? value / average : value - average)));
  }
  // Back in the order of spec.periods.
  const sorted = [...periods].sort((a, b) => a - b);
  return { level, trend, seasonals: periods.map((period) => seasonals[sorted.indexOf(period)]) };
}

function meanOf(values: ArrayLike<number>, from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i];
  return total / (to - from);
}
