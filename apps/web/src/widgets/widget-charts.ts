import { bandChart, barChart, funnelChart, lineChart, retentionHeatmap } from '@pulse/charts';
import { localTime } from '../model/local-time';

// The dashboards service's `data` per widget type (libs/dashboards/feature/README.md) turned into
// @pulse/charts' inputs: the same SVG charts the HTML and PDF reports draw.

interface TimeSeriesData {
  series: { group: Record<string, unknown>; total: number | null; points: { time: string; label: string; value: number | null }[] }[];
  comparison?: { series: { group: Record<string, unknown>; points: { value: number | null }[] }[] };
}

interface BarData {
  bars: { label: string | null; value: number | null }[];
}

interface FunnelData {
  steps: { step: number; eventType: string; users: number }[];
}

interface RetentionData {
  period: string;
  cohorts: { periodStart: string; size: number; percentages: number[] }[];
}

interface BandData {
  points: { time: string; value: number | null; lower: number | null; upper: number | null }[];
}

interface ForecastData {
  history: { time: string; value: number | null }[];
  forecast: { time: string; value: number | null; lower: number | null; upper: number | null }[];
}

/** The chart's size in CSS pixels (the widget's body), so that its 11 px labels stay 11 px on screen. */
export interface ChartSize {
  width: number;
  height: number;
}

export function timeSeriesSvg(title: string, data: TimeSeriesData, size: ChartSize): string {
  const labels = data.series[0]?.points.map((point) => point.label) ?? [];
  // With a comparison, the names lead with what tells the lines apart (the legend shortens long names).
  const compared = Boolean(data.comparison);
  const series = data.series.map((line) => ({
    name: groupName(line.group, compared ? 'This period' : title),
    values: line.points.map((point) => point.value),
  }));
  for (const previous of data.comparison?.series ?? []) {
    const group = groupName(previous.group, '');
    series.push({ name: group ? `${group}, previous period` : 'Previous period', values: previous.points.map((point) => point.value) });
  }
  return lineChart({ ...size, title, labels, series });
}

export function barSvg(title: string, data: BarData, size: ChartSize, orientation?: 'horizontal' | 'vertical'): string {
  const bars = data.bars.map((bar) => ({ label: bar.label ?? '(none)', value: bar.value }));
  return barChart({ ...size, title, bars, orientation: orientation ?? 'auto' });
}

export function funnelSvg(title: string, data: FunnelData, size: ChartSize): string {
  return funnelChart({
    ...size,
    title,
    steps: data.steps.map((step) => ({ label: `${step.step}. ${step.eventType}`, count: step.users })),
  });
}

export function retentionSvg(title: string, data: RetentionData, size: ChartSize): string {
  const columns = Math.max(0, ...data.cohorts.map((cohort) => cohort.percentages.length));
  const unit = data.period.charAt(0).toUpperCase() + data.period.slice(1);
  return retentionHeatmap({
    width: size.width,
    // Rows stay readable: a tall heatmap scrolls inside its widget.
    height: Math.max(size.height, 30 + data.cohorts.length * 18),
    title,
    periodLabels: Array.from({ length: columns }, (_, index) => `${unit} ${index}`),
    cohorts: data.cohorts.map((cohort) => ({
      label: cohort.periodStart.slice(0, 10),
      size: cohort.size,
      values: Array.from({ length: columns }, (_, index) => cohort.percentages[index] ?? null),
    })),
  });
}

export function anomalyBandSvg(title: string, data: BandData, size: ChartSize, timeZone: string): string {
  return bandChart({
    ...size,
    title,
    labels: data.points.map((point) => localTime(point.time, timeZone)),
    values: data.points.map((point) => point.value),
    lower: data.points.map((point) => point.lower),
    upper: data.points.map((point) => point.upper),
  });
}

export function forecastSvg(title: string, data: ForecastData, size: ChartSize, timeZone: string): string {
  const points = [...data.history.map((point) => ({ ...point, lower: null, upper: null })), ...data.forecast];
  return bandChart({
    ...size,
    title,
    labels: points.map((point) => localTime(point.time, timeZone)),
    values: points.map((point) => point.value),
    lower: points.map((point) => point.lower),
    upper: points.map((point) => point.upper),
    valueName: 'History and forecast',
    bandName: '95 % interval',
  });
}

/** A series' name: its group's values ("DE", "DE / mobile"), or the widget's title without a group-by. */
function groupName(group: Record<string, unknown>, fallback: string): string {
  const values = Object.values(group ?? {});
  return values.length === 0 ? fallback : values.map((value) => (value === null ? '(none)' : String(value))).join(' / ');
}
