import { finiteValues, legend, linePath, xAxisLabels, xPosition, yAxisGrid, yAxisWidth, yPosition } from './chart-axes';
import { ANOMALY_COLOUR, BAND_COLOUR, SERIES_COLOURS } from './chart-palette';
import { ChartFrameOptions, PlotArea, SeriesValues } from './chart-types';
import { niceScale } from './nice-scale';
import { svgDocument, svgRect, svgText } from './svg-document';
import { coordinate, formatCompactNumber, textWidth, truncateLabel } from './svg-text';

export interface BandChartInput extends ChartFrameOptions {
  labels: ReadonlyArray<string>;
  /** The observed (or forecast) value per label; null is a gap (e.g. the future part of a forecast). */
  values: SeriesValues;
  /** The band's bounds per label (expected range, prediction interval); null where there is no band. */
  lower: SeriesValues;
  upper: SeriesValues;
  valueName?: string;
  bandName?: string;
}

/**
 * Value line over a shaded lower–upper band: anomaly bands (a value outside the band is marked) and
 * forecasts (the band is the prediction interval; values may stop where the forecast starts).
 */
export function bandChart(input: BandChartInput): string {
  const width = input.width ?? 640;
  const height = input.height ?? 300;
  const all = [...finiteValues(input.values), ...finiteValues(input.lower), ...finiteValues(input.upper)];
  const scale = niceScale(Math.min(0, ...all), Math.max(0, ...all));
  const valueName = input.valueName ?? 'Value';
  const bandName = input.bandName ?? 'Expected range';
  const legendBlock = legend([valueName], 12, 8, width / 2);
  const bandLegendLeft = 12 + 14 + textWidth(truncateLabel(valueName, 32), 11) + 16;
  legendBlock.elements.push(
    svgRect(bandLegendLeft, 8, 10, 10, BAND_COLOUR, ' fill-opacity="0.35"'),
    svgText(bandLegendLeft + 14, 17, bandName),
  );
  const left = yAxisWidth(scale);
  const top = 8 + legendBlock.height + 8;
  const plot: PlotArea = { left, top, width: width - left - 16, height: height - top - 28 };
  const count = input.labels.length;
  const elements = [...legendBlock.elements, ...yAxisGrid(scale, plot), ...xAxisLabels(input.labels, plot, width)];
  for (const segment of bandSegments(input.lower, input.upper, count)) {
    const upper = segment.map(
      (index) =>
        `${coordinate(xPosition(index, count, plot))} ${coordinate(yPosition(input.upper[index] as number, scale, plot))}`,
    );
    const lower = segment
      .slice()
      .reverse()
      .map(
        (index) =>
          `${coordinate(xPosition(index, count, plot))} ${coordinate(yPosition(input.lower[index] as number, scale, plot))}`,
      );
    elements.push(
      `<path d="M${[...upper, ...lower].join('L')}Z" fill="${BAND_COLOUR}" fill-opacity="0.35" stroke="none"/>`,
    );
  }
  const points = input.labels.map((_, index) => {
    const value = input.values[index];
    return typeof value === 'number' && Number.isFinite(value)
      ? { x: xPosition(index, count, plot), y: yPosition(value, scale, plot) }
      : null;
  });
  elements.push(
    `<path d="${linePath(points)}" fill="none" stroke="${SERIES_COLOURS[0]}" stroke-width="2" stroke-linejoin="round"/>`,
  );
  outsideBand(input).forEach((index) => {
    const point = points[index];
    if (point)
      elements.push(`<circle cx="${coordinate(point.x)}" cy="${coordinate(point.y)}" r="4" fill="${ANOMALY_COLOUR}"/>`);
  });
  const description =
    input.description ??
    `${valueName} with ${bandName.toLowerCase()} over ${count} points; ${outsideBand(input).length} outside the band` +
      (all.length
        ? `, values from ${formatCompactNumber(Math.min(...all))} to ${formatCompactNumber(Math.max(...all))}.`
        : '.');
  return svgDocument({ title: input.title, description, width, height }, elements);
}

/** Indexes of the values below the lower or above the upper bound (the anomalies drawn as dots). */
export function outsideBand(input: Pick<BandChartInput, 'values' | 'lower' | 'upper'>): number[] {
  const indexes: number[] = [];
  input.values.forEach((value, index) => {
    const lower = input.lower[index];
    const upper = input.upper[index];
    if (value === null || !Number.isFinite(value)) return;
    if ((typeof lower === 'number' && value < lower) || (typeof upper === 'number' && value > upper))
      indexes.push(index);
  });
  return indexes;
}

/** Runs of consecutive indexes where both bounds are known: each run is drawn as one shaded polygon. */
function bandSegments(lower: SeriesValues, upper: SeriesValues, count: number): number[][] {
  const segments: number[][] = [];
  let current: number[] = [];
  for (let index = 0; index < count; index++) {
    const known = typeof lower[index] === 'number' && typeof upper[index] === 'number';
    if (known) current.push(index);
    else if (current.length) {
      segments.push(current);
      current = [];
    }
  }
  if (current.length) segments.push(current);
  return segments;
}
