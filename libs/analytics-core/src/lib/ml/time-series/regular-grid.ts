import type { SeriesPoint } from './series-point';

/**
 * A series laid on a regular grid of buckets from its first point: index = round((time − first) / bucket),
 * so day buckets of 23 or 25 hours (daylight-saving days in the tenant's zone) still land on their own
 * index. Missing buckets, nulls and non-finite values become NaN; a repeated bucket keeps the last value.
 */
export interface RegularGrid {
  values: Float64Array;
  /** The point's own time where it had one, else first + index × bucket. */
  times: Float64Array;
}

export function toRegularGrid(series: readonly SeriesPoint[], bucketMs: number): RegularGrid {
  if (series.length === 0) return { values: new Float64Array(0), times: new Float64Array(0) };
  const first = series[0].time;
  let last = first;
  for (const point of series) {
    if (!Number.isFinite(point.time)) throw new RangeError(`Series times must be finite, got ${point.time}`);
    if (point.time < last) throw new RangeError('Series points must be sorted by time');
    last = point.time;
  }
  const length = Math.round((last - first) / bucketMs) + 1;
  const values = new Float64Array(length).fill(Number.NaN);
  const times = new Float64Array(length);
  for (let i = 0; i < length; i++) times[i] = first + i * bucketMs;
  for (const point of series) {
    const index = Math.round((point.time - first) / bucketMs);
    times[index] = point.time;
    values[index] = point.value !== null && Number.isFinite(point.value) ? point.value : Number.NaN;
  }
  return { values, times };
}
