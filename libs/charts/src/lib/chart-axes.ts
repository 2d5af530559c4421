import { AXIS_COLOUR, GRID_COLOUR, MUTED_TEXT_COLOUR, seriesColour } from './chart-palette';
import { PlotArea } from './chart-types';
import { NiceScale } from './nice-scale';
import { svgLine, svgRect, svgText } from './svg-document';
import { coordinate, formatCompactNumber, textWidth, truncateLabel } from './svg-text';

export const AXIS_FONT_SIZE = 11;

/** Left margin wide enough for the longest y tick label. */
export function yAxisWidth(scale: NiceScale): number {
  const longest = Math.max(...scale.ticks.map((tick) => textWidth(formatCompactNumber(tick), AXIS_FONT_SIZE)));
  return Math.ceil(longest) + 14;
}

/** Maps a value to a y coordinate: `scale.max` → the plot's top, `scale.min` → its bottom. */
export function yPosition(value: number, scale: NiceScale, plot: PlotArea): number {
  const span = scale.max - scale.min || 1;
  return plot.top + plot.height - ((value - scale.min) / span) * plot.height;
}

/** Maps the i-th of `count` points across the plot; one point sits in the middle. */
export function xPosition(index: number, count: number, plot: PlotArea): number {
  if (count <= 1) return plot.left + plot.width / 2;
  return plot.left + (index / (count - 1)) * plot.width;
}

/** Horizontal grid lines with their tick labels, and the x axis line at the bottom. */
export function yAxisGrid(scale: NiceScale, plot: PlotArea): string[] {
  const elements: string[] = [];
  for (const tick of scale.ticks) {
    const y = yPosition(tick, scale, plot);
    elements.push(svgLine(plot.left, y, plot.left + plot.width, y, tick === 0 ? AXIS_COLOUR : GRID_COLOUR));
    elements.push(svgText(plot.left - 6, y + 4, formatCompactNumber(tick), { anchor: 'end', fill: MUTED_TEXT_COLOUR }));
  }
  elements.push(
    svgLine(plot.left, plot.top + plot.height, plot.left + plot.width, plot.top + plot.height, AXIS_COLOUR),
  );
  return elements;
}

/** Which x labels to draw: every k-th so that labels keep ~`minGap` pixels apart (the last is kept). */
export function visibleLabelIndexes(labels: ReadonlyArray<string>, plotWidth: number): number[] {
  if (labels.length === 0) return [];
  const widest = Math.max(...labels.map((label) => textWidth(truncateLabel(label, 16), AXIS_FONT_SIZE)));
  const fitting = Math.max(1, Math.floor(plotWidth / (widest + 12)));
  const every = Math.max(1, Math.ceil(labels.length / fitting));
  const indexes: number[] = [];
  for (let index = 0; index < labels.length; index += every) indexes.push(index);
  const last = labels.length - 1;
  if (indexes[indexes.length - 1] !== last) {
    // The last label matters most (the latest day): it replaces its neighbour rather than crowd it.
    if (indexes.length > 1) indexes.pop();
    indexes.push(last);
  }
  return indexes;
}

/** X labels under the plot, kept inside the chart's width (`chartWidth`) at both ends. */
export function xAxisLabels(labels: ReadonlyArray<string>, plot: PlotArea, chartWidth: number): string[] {
  return visibleLabelIndexes(labels, plot.width).map((index) => {
    const label = truncateLabel(labels[index], 16);
    const half = textWidth(label, AXIS_FONT_SIZE) / 2 + 2;
    const x = Math.min(chartWidth - half, Math.max(half, xPosition(index, labels.length, plot)));
    return svgText(x, plot.top + plot.height + 16, label, { anchor: 'middle', fill: MUTED_TEXT_COLOUR });
  });
}

/** A one-row legend of coloured squares and names; returns its elements and height. */
export function legend(
  names: ReadonlyArray<string>,
  left: number,
  top: number,
  maxWidth: number,
): { elements: string[]; height: number } {
  const elements: string[] = [];
  let x = left;
  let y = top;
  names.forEach((name, index) => {
    const label = truncateLabel(name, 32);
    const width = 14 + textWidth(label, AXIS_FONT_SIZE) + 16;
    if (x > left && x + width > left + maxWidth) {
      x = left;
      y += 16;
    }
    elements.push(svgRect(x, y, 10, 10, seriesColour(index)));
    elements.push(svgText(x + 14, y + 9, label));
    x += width;
  });
  return { elements, height: names.length === 0 ? 0 : y - top + 18 };
}

/** Values that are finite numbers (nulls and NaN dropped). */
export function finiteValues(values: ReadonlyArray<number | null | undefined>): number[] {
  return values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
}

/** A path through the points, broken at gaps (`null`). */
export function linePath(points: ReadonlyArray<{ x: number; y: number } | null>): string {
  let path = '';
  let drawing = false;
  for (const point of points) {
    if (!point) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${coordinate(point.x)} ${coordinate(point.y)}`;
    drawing = true;
  }
  return path;
}
