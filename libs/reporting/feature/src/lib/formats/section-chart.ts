import { barChart, funnelChart, lineChart, retentionHeatmap } from '@pulse/charts';
import type { ReportSectionTable } from '../generation/report-content';
import { columnLabel } from './report-presentation';

/** Most series one chart draws: beyond the palette's colours lines are no longer told apart. */
const MAX_SERIES = 8;

/**
 * The SVG chart of a section, drawn by `@pulse/charts` (the same library as the web UI): a chart or table
 * section (groups × buckets) as a line per group over the buckets, a grouped metric as bars; none for a
 * single figure or text.
 */
export function sectionChart(section: ReportSectionTable, size: { width?: number; height?: number } = {}): string | null {
  if (section.chart) return hintedChart(section, size);
  const groups = section.groupColumns;
  if (groups === undefined || section.rows.length === 0) return null;
  const valueIndex = section.columns.indexOf('value', groups);
  if (valueIndex < 0) return null;
  const groupLabel = (row: ReadonlyArray<unknown>) =>
    groups === 0
      ? columnLabel('value')
      : row
          .slice(0, groups)
          .map((cell) => (cell === null ? '(none)' : String(cell)))
          .join(' / ');
  if (section.kind === 'metric') {
    if (section.rows.length < 2) return null;
    return barChart({
      title: section.title,
      bars: section.rows.map((row) => ({ label: groupLabel(row), value: numberOrNull(row[valueIndex]) })),
      // Bars take the height their rows need.
      width: size.width,
    });
  }
  if (section.kind !== 'chart' && section.kind !== 'table') return null;
  const bucketIndex = groups;
  const labels: string[] = [];
  const labelIndex = new Map<string, number>();
  const series = new Map<string, Array<number | null>>();
  for (const row of section.rows) {
    const label = String(row[bucketIndex]);
    if (!labelIndex.has(label)) {
      labelIndex.set(label, labels.length);
      labels.push(label);
    }
    const name = groupLabel(row);
    if (!series.has(name)) {
      if (series.size >= MAX_SERIES) continue;
      series.set(name, []);
    }
    (series.get(name) as Array<number | null>)[labelIndex.get(label) as number] = numberOrNull(row[valueIndex]);
  }
  return lineChart({
    title: section.title,
    labels,
    series: [...series].map(([name, values]) => ({ name, values: labels.map((_, index) => values[index] ?? null) })),
    ...size,
  });
}

/** Funnels, retention and the domain endpoints' tables, drawn as their hint says. */
function hintedChart(section: ReportSectionTable, size: { width?: number; height?: number }): string | null {
  const hint = section.chart;
  if (!hint || hint.type === 'none' || section.rows.length === 0) return null;
  const column = (name: string) => section.columns.indexOf(name);
  if (hint.type === 'funnel') {
    // With a breakdown the first column holds it and the overall steps are the "(all)" rows.
    const overall = column('step') === 0 ? section.rows : section.rows.filter((row) => row[0] === '(all)');
    return funnelChart({
      title: section.title,
      steps: overall.map((row) => ({ label: `${row[column('step')]}. ${row[column('event')]}`, count: numberOrNull(row[column('users')]) ?? 0 })),
      width: size.width,
    });
  }
  if (hint.type === 'retention') {
    const periodColumns = section.columns.slice(2);
    return retentionHeatmap({
      title: section.title,
      periodLabels: periodColumns.map(columnLabel),
      cohorts: section.rows.map((row) => ({
        label: String(row[0]),
        size: numberOrNull(row[1]) ?? undefined,
        values: row.slice(2).map((cell) => {
          const value = numberOrNull(cell);
          return value === null ? null : value / 100;
        }),
      })),
      width: size.width,
    });
  }
  if (hint.type === 'bars') {
    return barChart({
      title: section.title,
      bars: section.rows.map((row) => ({ label: String(row[column(hint.labelColumn)] ?? '(none)'), value: numberOrNull(row[column(hint.valueColumn)]) })),
      width: size.width,
    });
  }
  return lineChart({
    title: section.title,
    labels: section.rows.map((row) => String(row[column(hint.xColumn)])),
    series: hint.seriesColumns.map((name) => ({ name: columnLabel(name), values: section.rows.map((row) => numberOrNull(row[column(name)])) })),
    ...size,
  });
}

function numberOrNull(cell: unknown): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}
