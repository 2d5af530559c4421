import { DAY_MS, HOUR_MS } from './bucket-cadence';
import { forecastHistoryPoints, forecastSeries } from './forecast';
import { InsufficientHistoryError } from './insufficient-history-error';
import { syntheticHourlySeries } from './synthetic-seasonal-series';

const START = Date.UTC(2026, 0, 5);
const WEEK = 168;
const hourlyValues = (
  weeks: number,
  seed: number,
  extra: Parameters<typeof syntheticHourlySeries>[0] extends infer O ? Partial<O> : never = {},
): number[] =>
  syntheticHourlySeries({ start: START, hours: weeks * WEEK, seed, ...extra }).map((point) => point.value as number);

describe('forecastSeries on hourly series with daily and weekly cycles', () => {
  const history = hourlyValues(8, 7);
  const forecast = forecastSeries(history, { horizon: WEEK, bucketMs: HOUR_MS });

  it('detects both seasons and uses double-seasonal Holt-Winters', () => {
    expect(forecast.model).toBe('holt-winters');
    expect(forecast.spec?.periods).toEqual([24, 168]);
    expect(forecast.points).toHaveLength(WEEK);
  });

  it('beats the seasonal-naive baseline’s MASE in the rolling-origin backtest', () => {
    expect(forecast.backtest.usedBaseline).toBe(false);
    expect(forecast.backtest.model.mase).toBeLessThan(forecast.backtest.baseline.mase);
    expect(forecast.backtest.model.smape).toBeLessThan(forecast.backtest.baseline.smape);
  });

  it('covers the true next week (same generator, continued) about as often as its intervals say', () => {
    // The generator is sequential: nine weeks from the same seed are the eight weeks of history, then the truth.
    const truth = hourlyValues(9, 7).slice(8 * WEEK);
    const share = (inside: (p: (typeof forecast.points)[number], actual: number) => boolean): number =>
      forecast.points.filter((p, h) => inside(p, truth[h])).length / WEEK;
    const in95 = share((p, actual) => p.lower95 <= actual && actual <= p.upper95);
    const in80 = share((p, actual) => p.lower80 <= actual && actual <= p.upper80);
    expect(in95).toBeGreaterThan(0.88);
    expect(in80).toBeGreaterThan(0.65);
    expect(in80).toBeLessThan(in95 + 1e-9);
    for (const p of forecast.points) {
      expect(p.lower95).toBeLessThan(p.lower80);
      expect(p.lower80).toBeLessThan(p.value);
      expect(p.value).toBeLessThan(p.upper80);
      expect(p.upper80).toBeLessThan(p.upper95);
    }
  });

  it('recovers after a level shift: the next day is forecast at the new level', () => {
    const shifted = hourlyValues(8, 9).map((value, i) => (i >= 8 * WEEK - 72 ? value + 60 : value));
    const next = forecastSeries(shifted, { horizon: 24, bucketMs: HOUR_MS });
    const mean = next.points.reduce((sum, p) => sum + p.value, 0) / 24;
    // The clean shape averages 100 over a weekday; shifted by 60 (the last day of the history is a Sunday, the next a Monday).
    expect(mean).toBeGreaterThan(145);
    expect(mean).toBeLessThan(175);
  });
});

describe('forecastSeries choices', () => {
  it('answers with the baseline, and says so, when the model does not beat it (an exactly repeating week)', () => {
    const repeating = Array.from({ length: 6 * 7 }, (_, i) => [5, 9, 9, 8, 9, 12, 3][i % 7]);
    const forecast = forecastSeries(repeating, { horizon: 7, bucketMs: DAY_MS });
    expect(forecast.backtest.baseline.mase).toBe(0);
    expect(forecast.backtest.usedBaseline).toBe(true);
    expect(forecast.model).toBe('seasonal-naive');
    expect(forecast.points.map((p) => p.value)).toEqual([5, 9, 9, 8, 9, 12, 3]);
  });

  it('uses a multiplicative season when it fits better, with simulated intervals around the forecast', () => {
    // Daily values whose weekly swing grows with the level.
    const values = Array.from(
      { length: 16 * 7 },
      (_, i) => (100 + 3 * i) * [1.4, 1.2, 1, 0.9, 0.8, 0.7, 1][i % 7] * (1 + 0.02 * Math.sin(i * 1.7)),
    );
    const forecast = forecastSeries(values, { horizon: 14, bucketMs: DAY_MS });
    expect(forecast.model).toBe('holt-winters');
    expect(forecast.spec?.seasonal).toBe('multiplicative');
    for (const p of forecast.points) expect(p.lower95 < p.value && p.value < p.upper95).toBe(true);
    expect(forecastSeries(values, { horizon: 14, bucketMs: DAY_MS }).points).toEqual(forecast.points);
  });

  it('fits a non-seasonal model when no season is detected', () => {
    const walk = Array.from({ length: 60 }, (_, i) => 50 + i * 0.5 + Math.sin(i * 2.3) * 2);
    const forecast = forecastSeries(walk, { horizon: 5, bucketMs: DAY_MS });
    expect(forecast.baselinePeriod).toBe(1);
    expect(forecast.spec?.periods ?? []).toEqual([]);
  });

  it('interpolates missing values instead of failing', () => {
    const values: (number | null)[] = hourlyValues(6, 3);
    values[500] = null;
    values[501] = null;
    expect(forecastSeries(values, { horizon: 24, bucketMs: HOUR_MS }).points).toHaveLength(24);
  });

  it('raises a typed error saying how many points a too-short history needs', () => {
    const error = (() => {
      try {
        forecastSeries([1, 2, 3, 4, 5], { horizon: 3 });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InsufficientHistoryError);
    expect(error).toMatchObject({ neededPoints: 8 + 3 + 2, havePoints: 5 });
    expect(forecastHistoryPoints(3, [])).toBe(13);
  });

  it('rejects a horizon that is not a positive integer', () => {
    expect(() => forecastSeries(hourlyValues(3, 1), { horizon: 0 })).toThrow(RangeError);
  });
});
