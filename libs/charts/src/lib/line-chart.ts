import { finiteValues, legend, linePath, xAxisLabels, xPosition, yAxisGrid, yAxisWidth, yPosition } from './chart-axes';
import { seriesColour } from './chart-palette';
import { ChartFrameOptions, PlotArea, SeriesValues } from './chart-types';
import { niceScale } from './nice-scale';
import { svgDocument } from './svg-document';
import { coordinate, formatCompactNumber } from './svg-text';

export interface LineChartInput extends ChartFrameOptions {
  /** One label per point (dates, hours…), shared by every series. */
  labels: ReadonlyArray<string>;
  series: ReadonlyArray<{ name: string; values: SeriesValues }>;
}

/** Time-series line chart: several series over shared x labels, a y axis from 0 (or below) with nice ticks. */
export function lineChart(input: LineChartInput): string {
  const width = input.width ?? 640;
  const height = input.height ?? 300;
  const values = input.series.flatMap((series) => finiteValues(series.values));
  const scale = niceScale(Math.min(0, ...values), Math.max(0, ...values));
  const legendBlock = legend(
    input.series.map((series) => series.name),
    12,
    8,
    width - 24,
  );
  const left = yAxisWidth(scale);
  const top = 8 + legendBlock.height + 8;
  const plot: PlotArea = { left, top, width: width - left - 16, height: height - top - 28 };
  const count = input.labels.length;
  const elements = [...legendBlock.elements, ...yAxisGrid(scale, plot), ...xAxisLabels(input.labels, plot, width)];
  input.series.forEach((series, seriesIndex) => {
    const colour = seriesColour(seriesIndex);
    const points = input.labels.map((_, index) => {
      const value = series.values[index];
      return typeof value === 'number' && Number.isFinite(value)
        ? { x: xPosition(index, count, plot), y: yPosition(value, scale, plot) }
        : null;
    });
    elements.push(
      `<path d="${linePath(points)}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round"/>`,
    );
    // Markers where a point would otherwise be invisible (a lone point between gaps) or few enough to read.
    points.forEach((point, index) => {
      const isolated = point && !points[index - 1] && !points[index + 1];
      if (point && (count <= 31 || isolated)) {
        elements.push(`<circle cx="${coordinate(point.x)}" cy="${coordinate(point.y)}" r="2.5" fill="${colour}"/>`);
      }
    });
  });
  return svgDocument(
    { title: input.title, description: input.description ?? describeSeries(input), width, height },
    elements,
  );
}

function describeSeries(input: LineChartInput): string {
  const range = input.labels.length ? ` from ${input.labels[0]} to ${input.labels[input.labels.length - 1]}` : '';
  const parts = input.series.map((series) => {
    const values = finiteValues(series.values);
    if (values.length === 0) return `${series.name}: no data`;
    return `${series.name}: min ${formatCompactNumber(Math.min(...values))}, max ${formatCompactNumber(Math.max(...values))}`;
  });
  return `Line chart of ${input.series.length} series${range}. ${parts.join('; ')}.`;
}
