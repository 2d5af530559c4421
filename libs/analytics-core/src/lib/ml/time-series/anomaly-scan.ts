import { deterministicId } from '../../deterministic-id';
import {
  CycleLevels,
  meanBaseline,
  SEASONAL_MIN_RESIDUALS,
  seasonalCentre,
  seasonalHistoryPoints,
  seasonalResidualWindow,
  type Baseline,
} from './anomaly-baselines';
import { medianInPlace } from './order-statistics';
import { SlidingSortedWindow } from './sliding-sorted-window';
import { bandWidthForSensitivity, severityForScore, type AnomalySeverity } from './anomaly-severity';
import { bucketCadence } from './bucket-cadence';
import { toRegularGrid } from './regular-grid';
import type { SeriesPoint } from './series-point';
import { TrailingAutocorrelation } from './trailing-autocorrelation';

export type AnomalyMethod = 'zscore' | 'mad' | 'seasonal';

export interface AnomalyScanOptions {
  method?: AnomalyMethod | 'auto';
  /** 0..1, default 0.5 (a 3σ band). */
  sensitivity?: number;
  bucketMs: number;
  /** Points before this time (epoch ms) are history only: judged for incident tracking, not reported. */
  judgeFrom?: number;
  /** Mixed into incident ids so two series never share one (e.g. tenant and metric). */
  seriesKey?: string;
  /** Trailing window of the z-score and MAD baselines (default by bucket size: 168 hours, 28 days…). */
  windowPoints?: number;
  /** Fewest present points in that window for a verdict (default a quarter of it, at least 8). */
  minPoints?: number;
  /** Seasonal periods to consider, in buckets (default 24 and 168 for hours, 7 for days, 60 and 1440 for minutes). */
  seasonalPeriods?: readonly number[];
  /** Consecutive buckets beyond the band on one side after which a shift is the new normal. */
  levelShiftPoints?: number;
  /** Times (bucket starts) whose expectation to report whether anomalous or not: a cause breakdown needs them. */
  expectationsAt?: readonly number[];
}

/** What the scan expected at a judged bucket (see `expectationsAt`). */
export interface AnomalyExpectation {
  time: number;
  observed: number;
  expected: number;
}

export interface AnomalyVerdict {
  time: number;
  observed: number;
  expected: number;
  lower: number;
  upper: number;
  /** Signed distance from expected in standard deviations of the baseline. */
  score: number;
  severity: AnomalySeverity;
  /** Shared by every bucket of one incident: derived from the incident's first bucket. */
  incidentId: string;
  method: AnomalyMethod;
  /** The seasonal period (in buckets) when method is seasonal. */
  seasonalPeriod?: number;
}

export interface AnomalyScan {
  method: AnomalyMethod;
  anomalies: AnomalyVerdict[];
  judgedPoints: number;
  insufficientHistory?: { neededPoints: number; havePoints: number };
  /** Only with `expectationsAt`: the judged buckets among those times, in time order. */
  expectations?: AnomalyExpectation[];
}

/** Auto uses a seasonal baseline when the trailing lag-P correlation is at least this… */
const SEASONAL_MIN_CORRELATION = 0.3;
/** …and exceeds the half-period correlation by this much (a trend correlates at every lag; a cycle does not). */
const SEASONAL_MIN_CONTRAST = 0.3;
/** A longer period is preferred only when its mean absolute error is below this fraction of a shorter one's. */
const LONGER_PERIOD_ERROR_RATIO = 0.95;
/** A flat history has no spread; deviations under 1 % of its level never count as anomalous. */
const RELATIVE_SPREAD_FLOOR = 0.01;
const ABSOLUTE_SPREAD_FLOOR = 1e-6;

/**
 * The spread a verdict uses: the baseline's, but never below 1 % of the expected level (or 1e-6), and for
 * counts (see CountEvidence) never below √(expected + 1), the Poisson standard deviation made safe at 0: in a
 * sparse count series (an order every few hours) the median and the MAD are 0, and without this floor every
 * single order would be critical.
 */
function flooredSpread(baseline: Baseline, countLike: boolean): number {
  if (Number.isNaN(baseline.spread)) return Number.NaN;
  const countFloor = countLike ? Math.sqrt(Math.max(baseline.centre, 0) + 1) : 0;
  return Math.max(
    baseline.spread,
    RELATIVE_SPREAD_FLOOR * Math.abs(baseline.centre),
    ABSOLUTE_SPREAD_FLOOR,
    countFloor,
  );
}

/**
 * Whether the trailing window looks like counts: every present value a non-negative integer and at least one
 * above 0 (an all-zero window says nothing: a rate that was exactly 0 is not a count).
 */
class CountEvidence {
  private nonCounts = 0;
  private positives = 0;

  enter(value: number): void {
    this.update(value, 1);
  }

  leave(value: number): void {
    this.update(value, -1);
  }

  countLike(): boolean {
    return this.nonCounts === 0 && this.positives > 0;
  }

  private update(value: number, sign: 1 | -1): void {
    if (Number.isNaN(value)) return;
    if (!(value >= 0 && Number.isInteger(value))) this.nonCounts += sign;
    else if (value > 0) this.positives += sign;
  }
}

interface SeasonalCandidate {
  period: number;
  atLag: TrailingAutocorrelation;
  atHalfLag: TrailingAutocorrelation;
  residuals: Float64Array;
  /** The residuals of the spread window, sorted (1.4826 × their MAD is the seasonal spread). */
  recentResiduals: SlidingSortedWindow;
  centre: number;
  /** Sum and count of |residual| over the comparison window, to tell which period predicts better. */
  absoluteErrorSum: number;
  errorCount: number;
}

/**
 * Judges every point of a series only from the points before it, as a live detector would have judged it,
 * and reports the anomalous points from `judgeFrom` on. Each verdict depends on a bounded trailing window
 * (`anomalyScanHistoryPoints`) plus the level-shift state of the buckets just before, so a scan over a past
 * range and a live detector given that much history agree. See the library README for the method.
 */
export function scanForAnomalies(series: readonly SeriesPoint[], options: AnomalyScanOptions): AnomalyScan {
  const requested = options.method ?? 'auto';
  if (!['auto', 'zscore', 'mad', 'seasonal'].includes(requested))
    throw new RangeError(`Unknown anomaly method ${requested}`);
  const bandWidth = bandWidthForSensitivity(options.sensitivity);
  const cadence = bucketCadence(options.bucketMs);
  const windowPoints = options.windowPoints ?? cadence.windowPoints;
  const minPoints = options.minPoints ?? defaultMinPoints(windowPoints);
  const levelShiftPoints = options.levelShiftPoints ?? cadence.levelShiftPoints;
  const periods = [...(options.seasonalPeriods ?? cadence.seasonalPeriods)].sort((a, b) => a - b);
  if (requested === 'seasonal' && periods.length === 0) {
    throw new RangeError('The seasonal method needs minute, hourly, daily or weekly buckets, or seasonalPeriods');
  }

  const { values, times } = toRegularGrid(series, options.bucketMs);
  const n = values.length;
  const judgeFrom = options.judgeFrom ?? -Infinity;
  const levels = new CycleLevels(values);
  const correlationWindow = 2 * (periods[periods.length - 1] ?? 1);
  // Cycles are detected on first differences: a level shift or a trend raises the correlation at every lag
  // of the values themselves, but is a single step (or a constant) in their differences.
  const differences = clippedDifferences(values, correlationWindow / 2);
  const candidates: SeasonalCandidate[] = periods.map((period) => ({
    period,
    atLag: new TrailingAutocorrelation(differences, period, correlationWindow),
    atHalfLag: new TrailingAutocorrelation(differences, Math.max(1, Math.floor(period / 2)), correlationWindow),
    residuals: new Float64Array(n).fill(Number.NaN),
    recentResiduals: new SlidingSortedWindow(seasonalResidualWindow(period)),
    centre: Number.NaN,
    absoluteErrorSum: 0,
    errorCount: 0,
  }));
  // The median/MAD window slides with the scan instead of being re-selected at every bucket.
  const recentValues = new SlidingSortedWindow(windowPoints);
  const medianWindow = (): Baseline | undefined =>
    recentValues.length >= Math.max(2, minPoints) ? recentValues.centreAndSpread() : undefined;
  const scratch = new Float64Array(Math.max(windowPoints, 168, levelShiftPoints, 1));

  const anomalies: AnomalyVerdict[] = [];
  const methodCounts: Record<AnomalyMethod, number> = { zscore: 0, mad: 0, seasonal: 0 };
  let judgedPoints = 0;
  let firstUnjudged = -1;
  let incidentStart = Number.NaN;
  let historyNonNegative = true;
  const wanted = options.expectationsAt ? new Set(options.expectationsAt) : undefined;
  const expectations: AnomalyExpectation[] = [];

  const shift = new LevelShift(n, levelShiftPoints, bandWidth);
  const counts = new CountEvidence();
  for (let i = 0; i < n; i++) {
    if (i - 1 - windowPoints >= 0) {
      recentValues.remove(values[i - 1 - windowPoints]);
      counts.leave(values[i - 1 - windowPoints]);
    }
    if (i >= 1) {
      recentValues.add(values[i - 1]);
      counts.enter(values[i - 1]);
    }
    for (const candidate of candidates) {
      const residualWindow = seasonalResidualWindow(candidate.period);
      if (i - 1 - residualWindow >= 0) candidate.recentResiduals.remove(candidate.residuals[i - 1 - residualWindow]);
      if (i >= 1) candidate.recentResiduals.add(candidate.residuals[i - 1]);
      candidate.atLag.advanceTo(i);
      candidate.atHalfLag.advanceTo(i);
      slideErrorWindow(candidate, i, correlationWindow / 2);
      candidate.centre = seasonalCentre(values, i, candidate.period, levels);
    }
    const observed = values[i];
    if (Number.isNaN(observed)) continue;
    const reported = times[i] >= judgeFrom;

    let method: AnomalyMethod;
    let baseline: Baseline | undefined;
    let seasonal: SeasonalCandidate | undefined;
    if (requested === 'zscore') {
      method = 'zscore';
      baseline = meanBaseline(values, i, windowPoints, minPoints);
    } else if (requested === 'mad') {
      method = 'mad';
      baseline = medianWindow();
    } else {
      seasonal = pickSeasonal(candidates, i, requested === 'auto');
      if (seasonal) {
        method = 'seasonal';
        const spread = seasonal.recentResiduals.centreAndSpread().spread;
        baseline = { centre: seasonal.centre, spread, level: levels.level(i, seasonal.period) };
      } else if (requested === 'auto') {
        method = 'mad';
        baseline = medianWindow();
      } else {
        method = 'seasonal';
      }
    }

    const spread = baseline ? flooredSpread(baseline, counts.countLike()) : Number.NaN;
    const offset = baseline && !Number.isNaN(spread) ? shift.offsetAt(i, baseline, spread, scratch) : 0;
    // Seasonal residuals are kept for every period from the start, so the spread is ready when needed.
    for (const candidate of candidates) {
      if (!Number.isNaN(candidate.centre)) candidate.residuals[i] = observed - candidate.centre - offset;
    }
    if (!baseline || Number.isNaN(spread)) {
      if (reported && firstUnjudged < 0) firstUnjudged = i;
      historyNonNegative &&= observed >= 0;
      continue;
    }
    shift.record(i, observed, baseline, spread);
    const expected = baseline.centre + offset;
    const score = (observed - expected) / spread;

    if (wanted?.has(times[i])) expectations.push({ time: times[i], observed, expected });
    const anomalous = Math.abs(score) >= bandWidth;
    if (anomalous && Number.isNaN(incidentStart)) incidentStart = times[i];
    if (!anomalous) incidentStart = Number.NaN;
    if (reported) {
      judgedPoints++;
      methodCounts[method]++;
      if (anomalous) {
        const lower = expected - bandWidth * spread;
        anomalies.push({
          time: times[i],
          observed,
          expected,
          lower: historyNonNegative ? Math.max(0, lower) : lower,
          upper: expected + bandWidth * spread,
          score,
          severity: severityForScore(score),
          incidentId: deterministicId(incidentStart, 'anomaly-incident', options.seriesKey ?? ''),
          method,
          ...(seasonal ? { seasonalPeriod: seasonal.period } : {}),
        });
      }
    }
    historyNonNegative &&= observed >= 0;
  }

  const scan: AnomalyScan = { method: reportedMethod(requested, methodCounts), anomalies, judgedPoints };
  if (wanted) scan.expectations = expectations;
  if (firstUnjudged >= 0) {
    const neededPoints = requested === 'seasonal' ? seasonalHistoryPoints(periods[0]) : minPoints;
    let havePoints = 0;
    for (let j = 0; j < firstUnjudged; j++) if (!Number.isNaN(values[j])) havePoints++;
    scan.insufficientHistory = { neededPoints, havePoints };
  }
  return scan;
}

/**
 * Buckets of history a scan wants before the first point it reports, for a method and bucket size: the
 * seasonal baseline's (four cycles of the longest period plus its residual window) when it may be used.
 */
export function anomalyScanHistoryPoints(
  options: Pick<AnomalyScanOptions, 'method' | 'bucketMs' | 'windowPoints' | 'seasonalPeriods'>,
): number {
  const cadence = bucketCadence(options.bucketMs);
  const windowPoints = options.windowPoints ?? cadence.windowPoints;
  const periods = options.seasonalPeriods ?? cadence.seasonalPeriods;
  const method = options.method ?? 'auto';
  if (method === 'zscore' || method === 'mad' || periods.length === 0) return windowPoints;
  const longest = Math.max(...periods);
  return Math.max(windowPoints, seasonalHistoryPoints(longest) + seasonalResidualWindow(longest));
}

/** Differences beyond this many trailing mean absolute differences are clipped. */
const DIFFERENCE_CLIP = 4;

/**
 * First differences, each clipped to ±4 × the mean absolute difference of the `windowPoints` before it: one
 * spike would otherwise dominate the correlations for as long as it stays in their window and hide the cycle.
 */
function clippedDifferences(values: Float64Array, windowPoints: number): Float64Array {
  const n = values.length;
  const raw = new Float64Array(n).fill(Number.NaN);
  for (let i = 1; i < n; i++) raw[i] = values[i] - values[i - 1];
  const clipped = new Float64Array(n).fill(Number.NaN);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const leaving = i - 1 - windowPoints >= 0 ? raw[i - 1 - windowPoints] : Number.NaN;
    if (!Number.isNaN(leaving)) {
      sum -= Math.abs(leaving);
      count--;
    }
    const entering = i >= 1 ? raw[i - 1] : Number.NaN;
    if (!Number.isNaN(entering)) {
      sum += Math.abs(entering);
      count++;
    }
    const limit = count > 0 ? (DIFFERENCE_CLIP * sum) / count : Infinity;
    clipped[i] = Math.max(-limit, Math.min(limit, raw[i]));
  }
  return clipped;
}

function defaultMinPoints(windowPoints: number): number {
  return Math.min(windowPoints, Math.max(8, Math.ceil(windowPoints / 4)));
}

/**
 * The seasonal period to use at a point: among the periods whose baseline is ready (and, for `auto`, whose
 * differences correlate at that lag clearly more than at half of it), the one whose recent predictions erred
 * least over the last longest cycle; a longer period must be 5 % better, since it needs more history.
 */
function pickSeasonal(
  candidates: readonly SeasonalCandidate[],
  index: number,
  strict: boolean,
): SeasonalCandidate | undefined {
  let best: SeasonalCandidate | undefined;
  let bestError = Infinity;
  for (const candidate of candidates) {
    if (Number.isNaN(candidate.centre) || !hasResidualHistory(candidate)) continue;
    if (strict) {
      const atLag = candidate.atLag.correlation();
      if (!(atLag >= SEASONAL_MIN_CORRELATION && atLag - candidate.atHalfLag.correlation() >= SEASONAL_MIN_CONTRAST))
        continue;
    }
    const error = candidate.errorCount > 0 ? candidate.absoluteErrorSum / candidate.errorCount : Infinity;
    if (!best || error < LONGER_PERIOD_ERROR_RATIO * bestError) {
      best = candidate;
      bestError = error;
    }
  }
  return best;
}

function slideErrorWindow(candidate: SeasonalCandidate, index: number, windowPoints: number): void {
  const entering = candidate.residuals[index - 1];
  if (index >= 1 && !Number.isNaN(entering)) {
    candidate.absoluteErrorSum += Math.abs(entering);
    candidate.errorCount++;
  }
  const leaving = candidate.residuals[index - 1 - windowPoints];
  if (index - 1 - windowPoints >= 0 && !Number.isNaN(leaving)) {
    candidate.absoluteErrorSum -= Math.abs(leaving);
    candidate.errorCount--;
  }
}

function hasResidualHistory(candidate: SeasonalCandidate): boolean {
  return candidate.recentResiduals.length >= SEASONAL_MIN_RESIDUALS;
}

/**
 * Level shifts. When the `points` buckets just before were all beyond the band on one side by their raw
 * score (against a baseline that has not absorbed the change yet), the series has shifted: from then on the
 * expectation is moved by the offset between the recent deseasonalised level and the baseline's level, so
 * the shift is one incident and then the new normal. The offset shrinks as the baseline absorbs the new
 * level, and the shift ends once it is within one standard deviation.
 */
class LevelShift {
  private readonly rawScores: Float64Array;
  /** Observed minus the seasonal part (the value itself for non-seasonal baselines). */
  private readonly deseasonalised: Float64Array;
  private active = false;

  constructor(
    length: number,
    private readonly points: number,
    private readonly bandWidth: number,
  ) {
    this.rawScores = new Float64Array(length).fill(Number.NaN);
    this.deseasonalised = new Float64Array(length).fill(Number.NaN);
  }

  record(index: number, observed: number, baseline: Baseline, spread: number): void {
    this.rawScores[index] = (observed - baseline.centre) / spread;
    this.deseasonalised[index] = observed - (baseline.centre - (baseline.level ?? baseline.centre));
  }

  offsetAt(index: number, baseline: Baseline, spread: number, scratch: Float64Array): number {
    const points = this.points;
    if (points < 1 || index < points) return 0;
    if (!this.active) {
      const side = Math.sign(this.rawScores[index - 1]);
      for (let j = index - points; j < index; j++) {
        const score = this.rawScores[j];
        if (!(Math.abs(score) >= this.bandWidth) || Math.sign(score) !== side) return 0;
      }
      this.active = true;
    }
    let count = 0;
    for (let j = index - points; j < index; j++) {
      if (!Number.isNaN(this.deseasonalised[j])) scratch[count++] = this.deseasonalised[j];
    }
    const offset = count === 0 ? 0 : medianInPlace(scratch, count) - (baseline.level ?? baseline.centre);
    if (!(Math.abs(offset) > spread)) {
      this.active = false;
      return 0;
    }
    return offset;
  }
}

function reportedMethod(requested: AnomalyMethod | 'auto', counts: Record<AnomalyMethod, number>): AnomalyMethod {
  if (requested !== 'auto') return requested;
  return counts.seasonal > counts.mad ? 'seasonal' : 'mad';
}
