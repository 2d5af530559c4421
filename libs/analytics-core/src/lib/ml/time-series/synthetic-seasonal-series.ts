import { seededRandom } from '../../seeded-random';
import { HOUR_MS } from './bucket-cadence';
import type { SeriesPoint } from './series-point';

/**
 * A reproducible hourly series with a daily cycle, quieter weekends, an optional trend and Gaussian noise
 * (from `seededRandom`), for tests and benchmarks: level × (1 + amplitude × sin(peak at 15:00 UTC)) ×
 * (weekend factor on Saturdays and Sundays) + trend × hour + noise.
 */
export interface SyntheticSeriesOptions {
  /** Epoch ms of the first hour (aligned to an hour). */
  start: number;
  hours: number;
  level?: number;
  dailyAmplitude?: number;
  weekendFactor?: number;
  trendPerHour?: number;
  noise?: number;
  seed?: number;
}

export function syntheticHourlySeries(options: SyntheticSeriesOptions): SeriesPoint[] {
  const {
    start,
    hours,
    level = 100,
    dailyAmplitude = 0.5,
    weekendFactor = 0.6,
    trendPerHour = 0,
    noise = 4,
    seed = 1,
  } = options;
  const random = seededRandom(seed);
  const gaussian = (): number => {
    // Box–Muller; 1 − u keeps the logarithm finite.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const points: SeriesPoint[] = [];
  for (let i = 0; i < hours; i++) {
    const time = start + i * HOUR_MS;
    const date = new Date(time);
    const hour = date.getUTCHours();
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const cycle = 1 + dailyAmplitude * Math.sin((2 * Math.PI * (hour - 9)) / 24);
    points.push({ time, value: level * cycle * (weekend ? weekendFactor : 1) + trendPerHour * i + noise * gaussian() });
  }
  return points;
}
