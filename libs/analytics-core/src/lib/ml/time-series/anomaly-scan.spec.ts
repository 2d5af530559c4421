import { anomalyScanHistoryPoints, scanForAnomalies, type AnomalyScanOptions } from './anomaly-scan';
import { bandWidthForSensitivity, severityForScore } from './anomaly-severity';
import { DAY_MS, HOUR_MS } from './bucket-cadence';
import type { SeriesPoint } from './series-point';
import { syntheticHourlySeries } from './synthetic-seasonal-series';
import { seededRandom } from '../../seeded-random';

const START = Date.UTC(2026, 0, 5); // a Monday
const WEEK = 168;
const hourly: AnomalyScanOptions = { bucketMs: HOUR_MS };
/** Six weeks of history, then the month that is judged. */
const judgeFrom = START + 6 * WEEK * HOUR_MS;
const clean = syntheticHourlySeries({ start: START, hours: 6 * WEEK + 30 * 24, seed: 21 });

function withValues(series: SeriesPoint[], change: (value: number, index: number) => number | null): SeriesPoint[] {
  return series.map((point, index) => ({ ...point, value: change(point.value as number, index) }));
}

const at = (index: number): number => START + index * HOUR_MS;

describe('scanForAnomalies on hourly series with daily and weekly cycles', () => {
  it.each([21, 22, 23])('raises nothing over a clean month of hourly points (seed %i)', (seed) => {
    const series = syntheticHourlySeries({ start: START, hours: 6 * WEEK + 30 * 24, seed });
    const scan = scanForAnomalies(series, { ...hourly, judgeFrom });
    expect(scan.judgedPoints).toBe(30 * 24);
    expect(scan.anomalies).toEqual([]);
    expect(scan.method).toBe('seasonal');
  });

  it('keeps the seasonal baseline for the weeks after a huge spike', () => {
    const spike = 6 * WEEK + 10;
    const series = withValues(clean, (value, i) => (i === spike ? value + 2000 : value));
    const scan = scanForAnomalies(series, {
      ...hourly,
      judgeFrom,
      expectationsAt: [at(spike + 24), at(spike + 2 * WEEK)],
    });
    expect(scan.anomalies.map((a) => a.time)).toEqual([at(spike)]);
    expect(scan.method).toBe('seasonal');
  });

  it('finds a spike and a drop injected at known hours, each its own incident, and nothing else', () => {
    const spike = 6 * WEEK + 100; // a Thursday 04:00
    const drop = 6 * WEEK + 400; // a Monday 16:00, near the daily peak
    const series = withValues(clean, (value, i) => (i === spike ? value + 60 : i === drop ? value * 0.3 : value));
    const scan = scanForAnomalies(series, { ...hourly, judgeFrom });
    expect(scan.anomalies.map((a) => a.time)).toEqual([at(spike), at(drop)]);
    const [up, down] = scan.anomalies;
    expect(up.score).toBeGreaterThan(0);
    expect(up.observed).toBeGreaterThan(up.upper);
    expect(down.score).toBeLessThan(0);
    expect(down.observed).toBeLessThan(down.lower);
    expect(up.incidentId).not.toBe(down.incidentId);
    expect(up.method).toBe('seasonal');
    expect(up.seasonalPeriod).toBe(WEEK);
    // The spike does not hide the cycle from auto afterwards (clipped differences).
    expect(scan.method).toBe('seasonal');
  });

  it('expects the seasonal shape: a value normal at the daily peak is anomalous at night', () => {
    const night = 6 * WEEK + 3 * 24 + 3; // Thursday 03:00
    const peak = 6 * WEEK + 3 * 24 + 15; // Thursday 15:00
    const series = withValues(clean, (value, i) => (i === night ? clean[peak].value : value));
    const scan = scanForAnomalies(series, { ...hourly, judgeFrom });
    expect(scan.anomalies.map((a) => a.time)).toEqual([at(night)]);
  });

  it('reports a level shift as one incident of levelShiftPoints buckets, then takes it as the new normal', () => {
    const shift = 6 * WEEK + 50;
    const series = withValues(clean, (value, i) => (i >= shift ? value + 80 : value));
    const scan = scanForAnomalies(series, { ...hourly, judgeFrom });
    expect(scan.anomalies.map((a) => a.time)).toEqual([0, 1, 2, 3, 4, 5].map((k) => at(shift + k)));
    expect(new Set(scan.anomalies.map((a) => a.incidentId)).size).toBe(1);
  });

  it.each(['zscore', 'mad'] as const)('takes a level shift as the new normal with the %s method too', (method) => {
    const flat = syntheticHourlySeries({ start: START, hours: 600, dailyAmplitude: 0, weekendFactor: 1, seed: 4 });
    const series = withValues(flat, (value, i) => (i >= 400 ? value + 50 : value));
    const scan = scanForAnomalies(series, { ...hourly, method, judgeFrom: at(300) });
    expect(scan.anomalies.length).toBeGreaterThanOrEqual(1);
    expect(scan.anomalies.length).toBeLessThanOrEqual(6);
    expect(scan.anomalies[0].time).toBe(at(400));
    expect(new Set(scan.anomalies.map((a) => a.incidentId)).size).toBe(1);
  });

  it.each(['auto', 'zscore', 'mad', 'seasonal'] as const)('does not flag a steady ramp (%s)', (method) => {
    const ramp = syntheticHourlySeries({ start: START, hours: 6 * WEEK + 30 * 24, trendPerHour: 0.5, seed: 8 });
    expect(scanForAnomalies(ramp, { ...hourly, method, judgeFrom }).anomalies).toEqual([]);
  });

  it('judges each point from the points before it only: a scan of a prefix gives the same verdicts', () => {
    const series = withValues(clean, (value, i) =>
      i === 6 * WEEK + 100 ? value + 60 : i >= 6 * WEEK + 300 ? value + 80 : value,
    );
    const full = scanForAnomalies(series, { ...hourly, judgeFrom });
    const prefix = scanForAnomalies(series.slice(0, 6 * WEEK + 303), { ...hourly, judgeFrom });
    expect(prefix.anomalies).toEqual(full.anomalies.filter((a) => a.time < at(6 * WEEK + 303)));
  });

  it('gives a live detector holding only the history it needs the same verdict and incident id for its last point', () => {
    const series = withValues(clean, (value, i) => (i >= 6 * WEEK + 300 ? value + 80 : value));
    const full = scanForAnomalies(series, { ...hourly, judgeFrom });
    const history = anomalyScanHistoryPoints(hourly);
    for (const last of [6 * WEEK + 300, 6 * WEEK + 302]) {
      const live = scanForAnomalies(series.slice(last - history, last + 1), { ...hourly, judgeFrom: at(last) });
      const expected = full.anomalies.filter((a) => a.time === at(last));
      // Identical up to floating-point rounding (the level sums start at a different point).
      expect(
        live.anomalies.map(({ time, incidentId, severity, method }) => ({ time, incidentId, severity, method })),
      ).toEqual(expected.map(({ time, incidentId, severity, method }) => ({ time, incidentId, severity, method })));
      live.anomalies.forEach((verdict, i) => {
        for (const field of ['observed', 'expected', 'lower', 'upper', 'score'] as const)
          expect(verdict[field]).toBeCloseTo(expected[i][field], 9);
      });
    }
    expect(full.anomalies.filter((a) => a.time === at(6 * WEEK + 302))).toHaveLength(1);
  });

  it('skips missing buckets (absent or null) and still judges the points after them', () => {
    const spike = 6 * WEEK + 200;
    const series = withValues(clean, (value, i) => (i === spike ? value + 60 : i % 37 === 0 ? null : value)).filter(
      (_, i) => i % 53 !== 0,
    );
    const scan = scanForAnomalies(series, { ...hourly, judgeFrom });
    expect(scan.anomalies.map((a) => a.time)).toEqual([at(spike)]);
    expect(scan.judgedPoints).toBe(series.filter((p) => p.time >= judgeFrom && p.value !== null).length);
  });

  it('keeps one incident id across a missing bucket inside the incident', () => {
    const from = 6 * WEEK + 200;
    const series = withValues(clean, (value, i) =>
      i === from || i === from + 2 ? value + 90 : i === from + 1 ? null : value,
    );
    const scan = scanForAnomalies(series, { ...hourly, judgeFrom });
    expect(scan.anomalies.map((a) => a.time)).toEqual([at(from), at(from + 2)]);
    expect(scan.anomalies[0].incidentId).toBe(scan.anomalies[1].incidentId);
  });
});

describe('scanForAnomalies on counts with zeros', () => {
  const days = (values: number[]): SeriesPoint[] => values.map((value, i) => ({ time: START + i * DAY_MS, value }));

  it('raises nothing on a series of zeros', () => {
    const scan = scanForAnomalies(days(new Array(60).fill(0)), { bucketMs: DAY_MS });
    expect(scan.anomalies).toEqual([]);
    expect(scan.judgedPoints).toBeGreaterThan(0);
  });

  it('flags the first non-zero value after only zeros as critical', () => {
    const scan = scanForAnomalies(days([...new Array(40).fill(0), 3]), { bucketMs: DAY_MS });
    expect(scan.anomalies).toHaveLength(1);
    expect(scan.anomalies[0].severity).toBe('critical');
  });

  it('raises nothing on sparse hourly counts (an order every few hours), and finds a burst of orders', () => {
    const random = seededRandom(31);
    const poisson = (lambda: number): number => {
      // Knuth: multiply uniforms until the product drops below e^-λ.
      let k = 0;
      for (let product = random(); product > Math.exp(-lambda); product *= random()) k++;
      return k;
    };
    const hours = 6 * WEEK + 30 * 24;
    const burst = 6 * WEEK + 250;
    const series = Array.from({ length: hours }, (_, i) => ({
      time: at(i),
      value: poisson(0.3 * (1 + 0.8 * Math.sin((2 * Math.PI * ((i % 24) - 9)) / 24))) + (i === burst ? 9 : 0),
    }));
    const scan = scanForAnomalies(series, { ...hourly, judgeFrom });
    expect(scan.anomalies.map((a) => a.time)).toEqual([at(burst)]);
  });

  it('flags a count that drops to 0 once, then takes 0 as the new normal, and clamps the band at 0', () => {
    const counts = [...Array.from({ length: 40 }, (_, i) => 50 + ((i * 7) % 5) - 2), ...new Array(20).fill(0)];
    const scan = scanForAnomalies(days(counts), { bucketMs: DAY_MS, method: 'mad' });
    expect(scan.anomalies.map((a) => a.time)).toEqual([40, 41, 42].map((i) => START + i * DAY_MS));
    expect(new Set(scan.anomalies.map((a) => a.incidentId)).size).toBe(1);
    expect(scan.anomalies[0].lower).toBeGreaterThanOrEqual(0);
  });
});

describe('scanForAnomalies history, ids and options', () => {
  it('says how much history is missing when the judged range starts without enough', () => {
    const scan = scanForAnomalies(clean.slice(0, 30), { ...hourly, method: 'mad' });
    expect(scan.judgedPoints).toBe(0);
    expect(scan.insufficientHistory).toEqual({ neededPoints: 42, havePoints: 0 });
  });

  it('counts the seasonal method’s need in cycles of its shortest period', () => {
    const scan = scanForAnomalies(clean.slice(0, 200), { ...hourly, method: 'seasonal', judgeFrom: at(50) });
    expect(scan.insufficientHistory).toEqual({ neededPoints: 4 * 24 + 12, havePoints: 50 });
  });

  it('derives incident ids from the first bucket and the series key only', () => {
    const series = withValues(clean, (value, i) => (i === 6 * WEEK + 100 ? value + 60 : value));
    const a = scanForAnomalies(series, { ...hourly, judgeFrom, seriesKey: 'tenant-a:orders' });
    const again = scanForAnomalies(series, { ...hourly, judgeFrom, seriesKey: 'tenant-a:orders' });
    const b = scanForAnomalies(series, { ...hourly, judgeFrom, seriesKey: 'tenant-b:orders' });
    expect(a.anomalies[0].incidentId).toBe(again.anomalies[0].incidentId);
    expect(a.anomalies[0].incidentId).not.toBe(b.anomalies[0].incidentId);
  });

  it('reports its expectation at the asked times whether they are anomalous or not', () => {
    const spike = 6 * WEEK + 100;
    const series = withValues(clean, (value, i) => (i === spike ? value + 60 : value));
    const scan = scanForAnomalies(series, { ...hourly, judgeFrom, expectationsAt: [at(spike), at(spike + 1), at(3)] });
    expect(scan.expectations?.map((e) => e.time)).toEqual([at(spike), at(spike + 1)]);
    expect(scan.expectations?.[0].expected).toBe(scan.anomalies[0].expected);
    expect(scan.expectations?.[1].observed).toBe(series[spike + 1].value);
  });

  it('flags more points the higher the sensitivity', () => {
    const counts = (sensitivity: number): number =>
      scanForAnomalies(clean, { ...hourly, judgeFrom, sensitivity }).anomalies.length;
    expect(counts(0)).toBeLessThanOrEqual(counts(0.5));
    expect(counts(0.5)).toBeLessThanOrEqual(counts(1));
    expect(counts(1)).toBeGreaterThan(0);
  });

  it('rejects a sensitivity outside 0..1 and an unknown method', () => {
    expect(() => scanForAnomalies(clean, { ...hourly, sensitivity: 1.5 })).toThrow(RangeError);
    expect(() => scanForAnomalies(clean, { ...hourly, method: 'iqr' as never })).toThrow(RangeError);
  });

  it('maps sensitivity to the band width and the score to a severity', () => {
    expect([0, 0.5, 1].map((s) => bandWidthForSensitivity(s))).toEqual([5.5, 4, 2.5]);
    expect([4.2, -5.5, 8, -12].map(severityForScore)).toEqual(['low', 'medium', 'high', 'critical']);
  });
});
