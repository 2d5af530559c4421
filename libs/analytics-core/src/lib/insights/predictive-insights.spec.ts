import type { SeriesForecast } from '../ml/time-series/forecast';
import { predictiveInsights } from './predictive-insights';

const Z95 = 1.959963984540054;

/** Seven buckets at `value`, each with a standard deviation of 10 (80 %: ± 10 for the test's reading). */
function forecastOf(
  value: number,
  model: SeriesForecast['model'] = 'holt-winters',
): SeriesForecast {
  return {
    model,
    description: 'Holt-Winters (damped trend, additive season 7)',
    baselinePeriod: 7,
    points: Array.from({ length: 7 }, (_, h) => ({
      step: h + 1,
      value,
      lower80: value - 10,
      upper80: value + 10,
      lower95: value - 10 * Z95,
      upper95: value + 10 * Z95,
    })),
    backtest: {
      horizon: 7,
      origins: 3,
      model: { mase: 0.5, smape: 10 },
      baseline: { mase: 0.8, smape: 15 },
      usedBaseline: model !== 'holt-winters',
    },
  };
}

const RANGE = Array<number>(7).fill(100); // 700 over the range

describe('predictiveInsights', () => {
  it('forecasts a fall of the next period against the range, with the summed interval', () => {
    const { insights } = predictiveInsights({
      forecasts: [
        { metric: 'orders', currentValues: RANGE, forecast: forecastOf(90) },
      ],
    });
    // 630 against 700: −10 %; σ of the total at most 7 × 10 = 70, z = −1.
    expect(insights).toEqual([
      expect.objectContaining({
        id: 'predictive:forecast:orders',
        title: 'orders is forecast to fall by 10 % over the next 7 buckets',
        impact: 'high',
        impactScore: 0.1,
        confidence: 0.6827, // 1 − p of z = 1 (SciPy)
        supportingData: expect.objectContaining({
          forecastTotal: 630,
          lower80: 560,
          upper80: 700,
          currentTotal: 700,
          change: -0.1,
          backtestMase: 0.5,
          baselineMase: 0.8,
        }),
      }),
    ]);
  });

  it('ranks a forecast rise a tenth as high', () => {
    const [rise] = predictiveInsights({
      forecasts: [
        { metric: 'events', currentValues: RANGE, forecast: forecastOf(110) },
      ],
    }).insights;
    expect(rise).toMatchObject({ impact: 'low', impactScore: 0.01 });
  });

  it('gives no forecast when Holt-Winters did not beat the baseline, and says why', () => {
    expect(
      predictiveInsights({
        forecasts: [
          {
            metric: 'revenue',
            currentValues: RANGE,
            forecast: forecastOf(50, 'seasonal-naive'),
          },
        ],
      }),
    ).toEqual({
      insights: [],
      unavailable: [
        {
          subject: 'forecast:revenue',
          reason:
            'no forecast of revenue: Holt-Winters did not beat seasonal-naive in the backtest (MASE 0.5 against 0.8)',
        },
      ],
    });
  });

  it('says nothing of a forecast equal to the range, nor of a range with nothing in it', () => {
    expect(
      predictiveInsights({
        forecasts: [
          { metric: 'orders', currentValues: RANGE, forecast: forecastOf(100) },
          {
            metric: 'revenue',
            currentValues: Array(7).fill(0),
            forecast: forecastOf(5),
          },
        ],
      }).insights,
    ).toEqual([]);
  });

  it('counts the users the churn model flags, as sure as its held-out precision', () => {
    const churn = {
      modelVersion: 3,
      cut: '2025-03-17T00:00:00.000Z',
      horizonDays: 14,
      scored: 200,
      atRisk: 30,
      threshold: 0.5,
      expectedChurners: 41.234,
      precision: 0.6,
      auc: 0.8,
    };
    expect(predictiveInsights({ forecasts: [], churn }).insights).toEqual([
      expect.objectContaining({
        id: 'predictive:churn_risk:all',
        title:
          '30 of 200 active users (15 %) are likely to churn in the next 14 days',
        impact: 'high',
        impactScore: 0.15,
        confidence: 0.6,
        supportingData: expect.objectContaining({ expectedChurners: 41.23 }),
      }),
    ]);
    expect(
      predictiveInsights({ forecasts: [], churn: { ...churn, atRisk: 0 } })
        .insights,
    ).toEqual([]);
  });

  it('tests the predicted satisfaction of unscored conversations against the previous period', () => {
    // 20 × 0.5 + 20 × 0.7 against 20 × 0.6 + 20 × 0.8: statsmodels ztest_ind (unequal) z = −4.4159.
    const [trend] = predictiveInsights({
      forecasts: [],
      satisfaction: {
        modelVersion: 1,
        current: { count: 40, sum: 24, sumOfSquares: 14.8 },
        previous: { count: 40, sum: 28, sumOfSquares: 20 },
      },
    }).insights;
    expect(trend).toMatchObject({
      id: 'predictive:satisfaction_trend:all',
      title: 'Predicted satisfaction fell from 0.7 to 0.6',
      impact: 'high',
      impactScore: 0.1,
      confidence: 1,
      supportingData: { z: -4.416 },
    });
    expect(
      predictiveInsights({
        forecasts: [],
        satisfaction: {
          modelVersion: 1,
          current: { count: 10, sum: 2, sumOfSquares: 1 },
          previous: { count: 40, sum: 28, sumOfSquares: 20 },
        },
      }).insights,
    ).toEqual([]);
  });
});
