import type { SeriesForecast } from '../ml/time-series/forecast';
import {
  meanChange,
  twoSidedPValue,
  type SampleMoments,
} from './change-significance';
import { impactOf, rankedImpact, type Insight } from './insight';
import { formatPercent as percent, roundTo } from './insight-text';

/** A named metric's forecast for the period after the report's range. */
export interface MetricForecast {
  metric: string;
  /** The metric over the range, per bucket: what the next period is compared with. */
  currentValues: readonly number[];
  /** As many buckets as `currentValues`, starting right after the range. */
  forecast: SeriesForecast;
}

/** Everyone active before the cut, scored by the tenant's served churn model. */
export interface ChurnRiskSummary {
  modelVersion: number;
  cut: string;
  horizonDays: number;
  scored: number;
  /** Persons at or above the model's decision threshold. */
  atRisk: number;
  threshold: number;
  /** Σ of the probabilities: the churners to expect if the model is calibrated. */
  expectedChurners: number;
  /** Of the held-out persons flagged at the threshold, the share who did churn (null: none flagged). */
  precision: number | null;
  auc: number | null;
}

/** Predicted satisfaction (0–1) of the conversations without a given score, this period and the last. */
export interface SatisfactionTrend {
  modelVersion: number;
  current: SampleMoments;
  previous: SampleMoments;
}

export interface PredictiveInput {
  forecasts: readonly MetricForecast[];
  churn?: ChurnRiskSummary;
  satisfaction?: SatisfactionTrend;
  /** Fewer conversations than this in either period say nothing of satisfaction. */
  minConversations?: number;
}

export interface PredictiveFindings {
  insights: Insight[];
  /** What was looked at but cannot be said, and why (a forecast that did not beat the baseline). */
  unavailable: Array<{ subject: string; reason: string }>;
}

const Z95 = 1.959963984540054;

/**
 * What the models say of the next period: each metric's forecast total against the range's (only when
 * Holt-Winters beat seasonal-naive in the backtest), the persons the churn model flags, and the trend of
 * predicted satisfaction. A fall ranks at its size, a rise a tenth as high.
 */
export function predictiveInsights(input: PredictiveInput): PredictiveFindings {
  const insights: Insight[] = [];
  const unavailable: PredictiveFindings['unavailable'] = [];
  for (const metric of input.forecasts) {
    const { forecast } = metric;
    if (forecast.model !== 'holt-winters') {
      unavailable.push({
        subject: `forecast:${metric.metric}`,
        reason:
          `no forecast of ${metric.metric}: Holt-Winters did not beat seasonal-naive in the backtest ` +
          `(MASE ${roundTo(forecast.backtest.model.mase, 3)} against ${roundTo(forecast.backtest.baseline.mase, 3)})`,
      });
      continue;
    }
    const finding = forecastFinding(metric);
    if (finding) insights.push(finding);
  }
  if (input.churn && input.churn.atRisk > 0)
    insights.push(churnFinding(input.churn));
  if (input.satisfaction) {
    const trend = satisfactionFinding(
      input.satisfaction,
      input.minConversations ?? 30,
    );
    if (trend) insights.push(trend);
  }
  return { insights, unavailable };
}

/**
 * The period's total and its bounds add up the buckets' own: exact for the total, and for the bounds the
 * widest they can be (errors of consecutive buckets fully correlated), so the confidence errs low.
 */
function forecastFinding(metric: MetricForecast): Insight | undefined {
  const points = metric.forecast.points;
  const actual = metric.currentValues.reduce((sum, value) => sum + value, 0);
  const total = points.reduce((sum, point) => sum + point.value, 0);
  const lower80 = points.reduce((sum, point) => sum + point.lower80, 0);
  const upper80 = points.reduce((sum, point) => sum + point.upper80, 0);
  const spread = points.reduce(
    (sum, point) => sum + (point.upper95 - point.lower95) / (2 * Z95),
    0,
  );
  if (actual <= 0 || spread <= 0 || total === actual) return undefined;
  const z = (total - actual) / spread;
  const change = total / actual - 1;
  const falls = change < 0;
  const days = points.length;
  const { backtest } = metric.forecast;
  return {
    id: `predictive:forecast:${metric.metric}`,
    type: 'predictive',
    title: `${metric.metric} is forecast to ${falls ? 'fall' : 'rise'} by ${percent(Math.abs(change))} over the next ${days} buckets`,
    explanation:
      `${metric.forecast.description} forecasts ${roundTo(total, 2)} for the next ${days} buckets ` +
      `(80 % interval ${roundTo(lower80, 2)} – ${roundTo(upper80, 2)}), against ${roundTo(actual, 2)} in the range. ` +
      `In the backtest it scored a MASE of ${roundTo(backtest.model.mase, 3)} against seasonal-naive's ${roundTo(backtest.baseline.mase, 3)}.`,
    recommendation: falls
      ? `Plan for less ${metric.metric}: look for the cause now (the user-behaviour and anomaly findings of the range), while it is a forecast and not a fact.`
      : `Prepare for more ${metric.metric}: capacity, stock and support staffing for the coming period.`,
    ...rankedImpact(falls, Math.abs(change)),
    confidence: roundTo(1 - twoSidedPValue(z), 4),
    supportingData: {
      metric: metric.metric,
      model: metric.forecast.description,
      buckets: days,
      forecastTotal: roundTo(total, 4),
      lower80: roundTo(lower80, 4),
      upper80: roundTo(upper80, 4),
      currentTotal: roundTo(actual, 4),
      change: roundTo(change, 4),
      backtestMase: roundTo(backtest.model.mase, 4),
      baselineMase: roundTo(backtest.baseline.mase, 4),
    },
  };
}

function churnFinding(churn: ChurnRiskSummary): Insight {
  const share = churn.atRisk / churn.scored;
  const impactScore = roundTo(share, 6);
  return {
    id: 'predictive:churn_risk:all',
    type: 'predictive',
    title: `${churn.atRisk} of ${churn.scored} active users (${percent(share)}) are likely to churn in the next ${churn.horizonDays} days`,
    explanation:
      `The churn model (version ${churn.modelVersion}) gives ${churn.atRisk} of the ${churn.scored} persons active in the ` +
      `28 days before ${churn.cut} a probability of ${roundTo(churn.threshold, 3)} or more of no event in the next ` +
      `${churn.horizonDays} days; ${roundTo(churn.expectedChurners, 1)} churners are expected over everyone. ` +
      `Held out, ${churn.precision === null ? 'no person was flagged' : `${percent(churn.precision)} of those it flagged did churn`}.`,
    recommendation:
      'Reach the flagged users before they go (GET /v1/ml/churn/at-risk lists them with their risk factors and suggested actions).',
    impact: impactOf(impactScore),
    impactScore,
    // How often a flagged person really churns: what the count can be trusted for.
    confidence: roundTo(churn.precision ?? 0, 4),
    supportingData: {
      modelVersion: churn.modelVersion,
      cut: churn.cut,
      scored: churn.scored,
      atRisk: churn.atRisk,
      atRiskShare: roundTo(share, 4),
      threshold: churn.threshold,
      expectedChurners: roundTo(churn.expectedChurners, 2),
      precision: churn.precision,
      auc: churn.auc,
    },
  };
}

function satisfactionFinding(
  trend: SatisfactionTrend,
  minConversations: number,
): Insight | undefined {
  const { current, previous } = trend;
  if (current.count < minConversations || previous.count < minConversations)
    return undefined;
  const now = current.sum / current.count;
  const before = previous.sum / previous.count;
  if (now === before) return undefined;
  const { z, confidence } = meanChange(current, previous);
  const falls = now < before;
  return {
    id: 'predictive:satisfaction_trend:all',
    type: 'predictive',
    title: `Predicted satisfaction ${falls ? 'fell' : 'rose'} from ${roundTo(before, 2)} to ${roundTo(now, 2)}`,
    explanation:
      `The satisfaction model (version ${trend.modelVersion}) predicts a mean of ${roundTo(now, 3)} for the ` +
      `${current.count} conversations of the period customers did not score, against ${roundTo(before, 3)} for ` +
      `${previous.count} in the previous period.`,
    recommendation: falls
      ? 'Read a sample of the period’s conversations predicted least satisfied (GET /v1/ml/satisfaction/conversations/:id gives the factors) before the scores that do come in confirm it.'
      : 'Predicted satisfaction improved: find what changed in the conversations and keep it.',
    ...rankedImpact(falls, Math.abs(now - before)),
    confidence: roundTo(confidence, 4),
    supportingData: {
      modelVersion: trend.modelVersion,
      predictedMean: roundTo(now, 4),
      previousPredictedMean: roundTo(before, 4),
      conversations: current.count,
      previousConversations: previous.count,
      z: roundTo(z, 3),
    },
  };
}
