import { AXIS_FONT_SIZE, finiteValues, yAxisGrid, yAxisWidth, yPosition } from './chart-axes';
import { AXIS_COLOUR, MUTED_TEXT_COLOUR, seriesColour } from './chart-palette';
import { ChartFrameOptions, PlotArea } from './chart-types';
import { niceScale } from './nice-scale';
import { svgDocument, svgLine, svgRect, svgText } from './svg-document';
import { formatCompactNumber, textWidth, truncateLabel } from './svg-text';

export interface BarChartInput extends ChartFrameOptions {
  bars: ReadonlyArray<{ label: string; value: number | null }>;
  /** `auto` (default): horizontal when a label is longer than 10 characters or there are more than 12 bars. */
  orientation?: 'auto' | 'vertical' | 'horizontal';
}

const ROW_HEIGHT = 22;

/** Bar chart of labelled values; long labels get horizontal bars so they stay readable. */
export function barChart(input: BarChartInput): string {
  const horizontal =
    input.orientation === 'horizontal' ||
    (input.orientation !== 'vertical' && (input.bars.some((bar) => bar.label.length > 10) || input.bars.length > 12));
  return horizontal ? horizontalBars(input) : verticalBars(input);
}

function verticalBars(input: BarChartInput): string {
  const width = input.width ?? 640;
  const height = input.height ?? 300;
  const values = finiteValues(input.bars.map((bar) => bar.value));
  const scale = niceScale(Math.min(0, ...values), Math.max(0, ...values));
  const left = yAxisWidth(scale);
  const plot: PlotArea = { left, top: 12, width: width - left - 16, height: height - 12 - 28 };
  const elements = yAxisGrid(scale, plot);
  const slot = plot.width / Math.max(1, input.bars.length);
  const zero = yPosition(0, scale, plot);
  input.bars.forEach((bar, index) => {
    // Bars at most 64 wide, centred in their slot, so that two bars do not fill the chart.
    const barWidth = Math.min(64, slot * 0.7);
    const x = plot.left + index * slot + (slot - barWidth) / 2;
    const label = truncateLabel(bar.label, Math.max(3, Math.floor(slot / (AXIS_FONT_SIZE * 0.6))));
    elements.push(
      svgText(x + barWidth / 2, plot.top + plot.height + 16, label, { anchor: 'middle', fill: MUTED_TEXT_COLOUR }),
    );
    if (bar.value === null || !Number.isFinite(bar.value)) return;
    const y = yPosition(bar.value, scale, plot);
    elements.push(svgRect(x, Math.min(y, zero), barWidth, Math.abs(zero - y), seriesColour(0)));
    elements.push(
      svgText(x + barWidth / 2, Math.min(y, zero) - 4, formatCompactNumber(bar.value), { anchor: 'middle' }),
    );
  });
  return svgDocument(
    { title: input.title, description: input.description ?? describeBars(input), width, height },
    elements,
  );
}

function horizontalBars(input: BarChartInput): string {
  const width = input.width ?? 640;
  const height = input.height ?? 16 + input.bars.length * ROW_HEIGHT + 8;
  const labels = input.bars.map((bar) => truncateLabel(bar.label, 28));
  const labelWidth = Math.ceil(Math.max(0, ...labels.map((label) => textWidth(label, AXIS_FONT_SIZE)))) + 12;
  const values = finiteValues(input.bars.map((bar) => bar.value));
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const valueRoom = 56;
  const plot: PlotArea = { left: labelWidth, top: 8, width: width - labelWidth - valueRoom, height: height - 16 };
  const span = high - low || 1;
  const xOf = (value: number) => plot.left + ((value - low) / span) * plot.width;
  const rowHeight = plot.height / Math.max(1, input.bars.length);
  const elements: string[] = [svgLine(xOf(0), plot.top, xOf(0), plot.top + plot.height, AXIS_COLOUR)];
  input.bars.forEach((bar, index) => {
    const y = plot.top + index * rowHeight;
    elements.push(svgText(plot.left - 8, y + rowHeight / 2 + 4, labels[index], { anchor: 'end' }));
    if (bar.value === null || !Number.isFinite(bar.value)) return;
    const start = Math.min(xOf(0), xOf(bar.value));
    elements.push(
      svgRect(start, y + rowHeight * 0.15, Math.abs(xOf(bar.value) - xOf(0)), rowHeight * 0.7, seriesColour(0)),
    );
    elements.push(svgText(Math.max(xOf(0), xOf(bar.value)) + 4, y + rowHeight / 2 + 4, formatCompactNumber(bar.value)));
  });
  return svgDocument(
    { title: input.title, description: input.description ?? describeBars(input), width, height },
    elements,
  );
}

function describeBars(input: BarChartInput): string {
  const shown = input.bars
    .slice(0, 20)
    .map((bar) => `${bar.label}: ${bar.value === null ? 'no data' : formatCompactNumber(bar.value)}`);
  const more = input.bars.length > 20 ? `; and ${input.bars.length - 20} more` : '';
  return `Bar chart of ${input.bars.length} values. ${shown.join('; ')}${more}.`;
}
