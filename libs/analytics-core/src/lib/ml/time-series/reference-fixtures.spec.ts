import { meanBaseline, medianBaseline } from './anomaly-baselines';
import { runSmoothing, smoothingForecast, type SmoothingSpec, type TrendKind } from './exponential-smoothing';
import { meanAbsoluteScaledError, symmetricMeanAbsolutePercentageError } from './forecast-accuracy';
import { additiveForecastVariance, normalIntervals } from './prediction-intervals';

// Expected numbers come from tools/reference/time_series_reference.py (numpy / statsmodels).
// Jest loads JSON modules; the library itself never reads files (analytics-core does no I/O).
const fixture = <T>(name: string): T => require(`./fixtures/${name}`) as T;
interface States {
  level: number;
  trend: number;
  seasonal: number[];
}
const rollingBaselines = fixture<{
  window: number;
  minPoints: number;
  values: (number | null)[];
  baselines: ({ mean: number; standardDeviation: number; median: number; scaledMad: number } | null)[];
}>('rolling-baselines.json');
const holtWintersFixed = fixture<{
  cases: {
    name: string;
    trend: string;
    seasonal: string;
    period: number;
    holtWintersParameters: { alpha: number; betaStar: number; gamma: number; phi: number };
    initial: States;
    values: number[];
    fitted: number[];
    sse: number;
    forecast: number[];
    forecastStepsNotCompared: number[];
  }[];
}>('holt-winters-fixed.json');
const etsIntervals = fixture<{
  cases: {
    name: string;
    trend: string;
    period: number;
    parameters: { alpha: number; beta: number; gamma: number; phi: number };
    initial: States;
    values: number[];
    fitted: number[];
    mse: number;
    forecast: number[];
    lower80: number[];
    upper80: number[];
    lower95: number[];
    upper95: number[];
  }[];
}>('ets-intervals.json');
const accuracy = fixture<{
  period: number;
  training: number[];
  actual: number[];
  forecast: number[];
  mase: number;
  smape: number;
}>('accuracy.json');

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
}

describe('rolling baselines match numpy over the trailing window (missing values skipped)', () => {
  const values = Float64Array.from(rollingBaselines.values, (value) => (value === null ? Number.NaN : value));
  const scratch = new Float64Array(64);
  it.each(rollingBaselines.baselines.map((row, index) => [index, row] as const))('point %i', (index, row) => {
    const mean = meanBaseline(values, index, rollingBaselines.window, rollingBaselines.minPoints);
    const robust = medianBaseline(values, index, rollingBaselines.window, rollingBaselines.minPoints, scratch);
    if (row === null) {
      expect(mean).toBeUndefined();
      expect(robust).toBeUndefined();
      return;
    }
    expect(mean?.centre).toBeCloseTo(row.mean, 10);
    expect(mean?.spread).toBeCloseTo(row.standardDeviation, 10);
    expect(robust?.centre).toBeCloseTo(row.median, 10);
    expect(robust?.spread).toBeCloseTo(row.scaledMad, 10);
  });
});

describe('Holt-Winters with fixed parameters matches statsmodels ExponentialSmoothing', () => {
  it.each(holtWintersFixed.cases.map((c) => [c.name, c] as const))(
    '%s: fitted values, SSE and forecast',
    (_name, c) => {
      const spec: SmoothingSpec = {
        trend: c.trend as TrendKind,
        seasonal: c.seasonal as SmoothingSpec['seasonal'],
        periods: [c.period],
      };
      const hw = c.holtWintersParameters;
      // statsmodels' β* applies to the level change; the error-correction form's β = α·β*.
      const parameters = { alpha: hw.alpha, beta: hw.alpha * hw.betaStar, phi: hw.phi, gammas: [hw.gamma] };
      const run = runSmoothing(c.values, spec, parameters, {
        level: c.initial.level,
        trend: c.initial.trend,
        seasonals: [c.initial.seasonal],
      });
      expectClose(run.fitted, c.fitted, 8);
      expect(run.sse).toBeCloseTo(c.sse, 6);
      // statsmodels' ExponentialSmoothing.forecast skips the last seasonal update at multiples of m (see the script).
      const forecast = smoothingForecast(spec, parameters, run.final, c.forecast.length);
      const compared = c.forecast.map((_, i) => i).filter((i) => !c.forecastStepsNotCompared.includes(i + 1));
      expectClose(
        compared.map((i) => forecast[i]),
        compared.map((i) => c.forecast[i]),
        8,
      );
    },
  );
});

describe('additive prediction intervals match statsmodels ETSModel', () => {
  it.each(etsIntervals.cases.map((c) => [c.name, c] as const))('%s: 80 %% and 95 %% bounds', (_name, c) => {
    const spec: SmoothingSpec = { trend: c.trend as TrendKind, seasonal: 'additive', periods: [c.period] };
    const parameters = {
      alpha: c.parameters.alpha,
      beta: c.parameters.beta,
      phi: c.parameters.phi,
      gammas: [c.parameters.gamma],
    };
    const run = runSmoothing(c.values, spec, parameters, {
      level: c.initial.level,
      trend: c.initial.trend,
      seasonals: [c.initial.seasonal],
    });
    expectClose(run.fitted, c.fitted, 8);
    expect(run.sse / c.values.length).toBeCloseTo(c.mse, 8);
    const forecast = smoothingForecast(spec, parameters, run.final, c.forecast.length);
    expectClose(forecast, c.forecast, 8);
    const bounds = normalIntervals(
      forecast,
      additiveForecastVariance(spec, parameters, run.sse / c.values.length, c.forecast.length),
    );
    expectClose(bounds.lower80, c.lower80, 6);
    expectClose(bounds.upper80, c.upper80, 6);
    expectClose(bounds.lower95, c.lower95, 6);
    expectClose(bounds.upper95, c.upper95, 6);
  });
});

describe('forecast accuracy matches the formulas computed with numpy', () => {
  it('MASE scales the mean absolute error by the in-sample seasonal-naive error', () => {
    expect(meanAbsoluteScaledError(accuracy.actual, accuracy.forecast, accuracy.training, accuracy.period)).toBeCloseTo(
      accuracy.mase,
      12,
    );
  });

  it('sMAPE is the mean of 200|y − ŷ| / (|y| + |ŷ|), in percent', () => {
    expect(symmetricMeanAbsolutePercentageError(accuracy.actual, accuracy.forecast)).toBeCloseTo(accuracy.smape, 12);
  });
});
