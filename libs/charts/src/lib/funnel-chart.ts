import { AXIS_FONT_SIZE } from './chart-axes';
import { EMPTY_CELL_COLOUR, MUTED_TEXT_COLOUR, seriesColour } from './chart-palette';
import { ChartFrameOptions } from './chart-types';
import { svgDocument, svgRect, svgText } from './svg-document';
import { formatCompactNumber, formatPercent, textWidth, truncateLabel } from './svg-text';

export interface FunnelChartInput extends ChartFrameOptions {
  steps: ReadonlyArray<{ label: string; count: number }>;
}

export interface FunnelStepConversion {
  label: string;
  count: number;
  /** count ÷ the first step's count; null when the first step is 0. */
  fromStart: number | null;
  /** count ÷ the previous step's count (1 for the first step); null when the previous is 0. */
  fromPrevious: number | null;
}

/** Conversion of each step from the first and from the previous step, the figures the funnel shows. */
export function funnelConversions(steps: FunnelChartInput['steps']): FunnelStepConversion[] {
  const first = steps[0]?.count ?? 0;
  return steps.map((step, index) => {
    const previous = index === 0 ? step.count : steps[index - 1].count;
    return {
      label: step.label,
      count: step.count,
      fromStart: first > 0 ? step.count / first : null,
      fromPrevious: index === 0 ? (step.count > 0 ? 1 : null) : previous > 0 ? step.count / previous : null,
    };
  });
}

const ROW_HEIGHT = 34;

/** Funnel: one bar per step, its length proportional to the largest step, with counts and conversion %. */
export function funnelChart(input: FunnelChartInput): string {
  const width = input.width ?? 640;
  const height = input.height ?? 8 + input.steps.length * ROW_HEIGHT + 8;
  const conversions = funnelConversions(input.steps);
  const labels = input.steps.map((step) => truncateLabel(step.label, 28));
  const labelWidth = Math.ceil(Math.max(0, ...labels.map((label) => textWidth(label, AXIS_FONT_SIZE)))) + 12;
  const figuresWidth = 150;
  const barLeft = labelWidth;
  const barWidth = width - labelWidth - figuresWidth;
  const largest = Math.max(0, ...input.steps.map((step) => step.count));
  const rowHeight = (height - 16) / Math.max(1, input.steps.length);
  const elements: string[] = [];
  conversions.forEach((step, index) => {
    const y = 8 + index * rowHeight;
    const length = largest > 0 ? (Math.max(0, step.count) / largest) * barWidth : 0;
    elements.push(svgText(barLeft - 8, y + rowHeight / 2 + 4, labels[index], { anchor: 'end' }));
    elements.push(svgRect(barLeft, y + rowHeight * 0.15, barWidth, rowHeight * 0.7, EMPTY_CELL_COLOUR));
    elements.push(svgRect(barLeft, y + rowHeight * 0.15, length, rowHeight * 0.7, seriesColour(0)));
    const share = step.fromStart === null ? '–' : formatPercent(step.fromStart);
    elements.push(
      svgText(barLeft + barWidth + 8, y + rowHeight / 2, `${formatCompactNumber(step.count)} · ${share}`, {
        weight: 'bold',
      }),
    );
    if (index > 0) {
      const stepShare = step.fromPrevious === null ? '–' : formatPercent(step.fromPrevious);
      elements.push(
        svgText(barLeft + barWidth + 8, y + rowHeight / 2 + 12, `${stepShare} of previous step`, {
          fill: MUTED_TEXT_COLOUR,
          size: 10,
        }),
      );
    }
  });
  return svgDocument(
    { title: input.title, description: input.description ?? describeFunnel(conversions), width, height },
    elements,
  );
}

function describeFunnel(conversions: FunnelStepConversion[]): string {
  const parts = conversions.map(
    (step) =>
      `${step.label}: ${step.count}${step.fromStart === null ? '' : ` (${formatPercent(step.fromStart)} of the first step)`}`,
  );
  return `Funnel of ${conversions.length} steps. ${parts.join('; ')}.`;
}
