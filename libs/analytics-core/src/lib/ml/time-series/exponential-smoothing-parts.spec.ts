import { smoothingForecast } from './exponential-smoothing';
import { fillGapsLinearly } from './gap-filling';
import { nelderMead } from './nelder-mead';
import { additiveForecastVariance, normalIntervals, simulatedIntervals } from './prediction-intervals';
import { seasonalNaiveForecast } from './seasonal-naive';
import { detectSeasonalPeriods } from './seasonal-period-detection';
import { syntheticHourlySeries } from './synthetic-seasonal-series';
import { seededRandom } from '../../seeded-random';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const result = nelderMead(([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1], {
      tolerance: 1e-14,
      maxEvaluations: 2000,
    });
    expect(result.point[0]).toBeCloseTo(1, 4);
    expect(result.point[1]).toBeCloseTo(1, 4);
  });
});

describe('additiveForecastVariance with two seasons', () => {
  it('adds each season’s γ at the multiples of its period (hand-computed: periods 2 and 4, α 0.1, γ 0.2 and 0.3)', () => {
    // c1 = 0.1, c2 = 0.3, c3 = 0.1, c4 = 0.6 → 1, 1.01, 1.10, 1.11, 1.47.
    const variance = additiveForecastVariance(
      { trend: 'none', seasonal: 'additive', periods: [2, 4] },
      { alpha: 0.1, beta: 0, phi: 1, gammas: [0.2, 0.3] },
      1,
      5,
    );
    [1, 1.01, 1.1, 1.11, 1.47].forEach((expected, h) => expect(variance[h]).toBeCloseTo(expected, 12));
  });
});

describe('simulatedIntervals (multiplicative season)', () => {
  it('agree with the analytic intervals where the model is additive in disguise (flat season, γ = 0)', () => {
    // With every seasonal factor 1 and γ = 0, ETS(A,Ad,M) is ETS(A,Ad,N): the simulation must find its normal bounds.
    const spec = { trend: 'damped', seasonal: 'multiplicative', periods: [4] } as const;
    const parameters = { alpha: 0.3, beta: 0.05, phi: 0.9, gammas: [0] };
    const states = { level: 100, trend: 2, seasonals: [[1, 1, 1, 1]] };
    const simulated = simulatedIntervals(spec, parameters, states, 4, 12);
    const forecast = smoothingForecast(spec, parameters, states, 12);
    const analytic = normalIntervals(
      forecast,
      additiveForecastVariance({ ...spec, seasonal: 'none', periods: [] }, parameters, 4, 12),
    );
    for (let h = 0; h < 12; h++) {
      const halfWidth = analytic.upper95[h] - forecast[h];
      // 1,000 paths: the 2.5 % and 97.5 % quantiles are within about 10 % of the half-width.
      for (const bound of ['lower80', 'upper80', 'lower95', 'upper95'] as const) {
        expect(Math.abs(simulated[bound][h] - analytic[bound][h])).toBeLessThan(0.12 * halfWidth);
      }
    }
  });
});

describe('seasonalNaiveForecast', () => {
  it('repeats the last season and widens the interval once per season ahead (hand-computed)', () => {
    // Seasonal differences 6, −2, 2, −2 → σ̂² = 48 / 4 = 12; two seasons ahead the variance doubles.
    const result = seasonalNaiveForecast([1, 5, 3, 7, 3, 5, 5], 3, 4);
    expect(Array.from(result.forecast)).toEqual([3, 5, 5, 3]);
    expect(result.upper95[0] - result.forecast[0]).toBeCloseTo(1.959963984540054 * Math.sqrt(12), 12);
    expect(result.upper95[3] - result.forecast[3]).toBeCloseTo(1.959963984540054 * Math.sqrt(24), 12);
  });
});

describe('fillGapsLinearly', () => {
  it('interpolates inside and carries the ends', () => {
    expect(Array.from(fillGapsLinearly([null, 2, null, null, 8, NaN]))).toEqual([2, 2, 4, 6, 8, 8]);
  });
});

describe('detectSeasonalPeriods', () => {
  it('finds the daily and weekly cycles of hourly data', () => {
    const values = syntheticHourlySeries({ start: Date.UTC(2026, 0, 5), hours: 6 * 168, seed: 2 }).map(
      (p) => p.value as number,
    );
    expect(detectSeasonalPeriods(values, [24, 168])).toEqual([24, 168]);
  });

  it('finds none in noise or in a trend', () => {
    const random = seededRandom(9);
    const noise = Array.from({ length: 1000 }, () => random());
    const trend = Array.from({ length: 1000 }, (_, i) => i + random());
    expect(detectSeasonalPeriods(noise, [24, 168])).toEqual([]);
    expect(detectSeasonalPeriods(trend, [24, 168])).toEqual([]);
  });
});
