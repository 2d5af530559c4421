/** One bucket of a metric: its start (epoch ms) and value; null = no data for that bucket. */
export interface SeriesPoint {
  time: number;
  value: number | null;
}
