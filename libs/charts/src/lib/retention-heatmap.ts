import { AXIS_FONT_SIZE } from './chart-axes';
import { EMPTY_CELL_COLOUR, MUTED_TEXT_COLOUR, sequentialBlue, textColourOn } from './chart-palette';
import { ChartFrameOptions } from './chart-types';
import { svgDocument, svgRect, svgText } from './svg-document';
import { formatCompactNumber, formatPercent, textWidth, truncateLabel } from './svg-text';

export interface RetentionHeatmapInput extends ChartFrameOptions {
  /** Column headings: "Day 0", "Week 1"… */
  periodLabels: ReadonlyArray<string>;
  /** One row per cohort; `values[i]` the share retained in period i, in [0, 1], or null (not reached yet). */
  cohorts: ReadonlyArray<{ label: string; size?: number; values: ReadonlyArray<number | null> }>;
}

const HEADER_HEIGHT = 22;

/** Cohort × period grid, each cell shaded by its retention share and labelled with the percentage. */
export function retentionHeatmap(input: RetentionHeatmapInput): string {
  const width = input.width ?? 640;
  const rowLabels = input.cohorts.map((cohort) =>
    truncateLabel(
      cohort.size === undefined ? cohort.label : `${cohort.label} (${formatCompactNumber(cohort.size)})`,
      28,
    ),
  );
  const labelWidth = Math.ceil(Math.max(0, ...rowLabels.map((label) => textWidth(label, AXIS_FONT_SIZE)))) + 12;
  const columns = Math.max(1, input.periodLabels.length);
  const cellWidth = (width - labelWidth - 8) / columns;
  const cellHeight = 22;
  const height = input.height ?? HEADER_HEIGHT + input.cohorts.length * cellHeight + 8;
  const rowHeight = (height - HEADER_HEIGHT - 8) / Math.max(1, input.cohorts.length);
  const fitting = Math.max(3, Math.floor(cellWidth / (AXIS_FONT_SIZE * 0.6)));
  const elements: string[] = [];
  input.periodLabels.forEach((label, column) => {
    elements.push(
      svgText(labelWidth + column * cellWidth + cellWidth / 2, HEADER_HEIGHT - 8, truncateLabel(label, fitting), {
        anchor: 'middle',
        fill: MUTED_TEXT_COLOUR,
      }),
    );
  });
  input.cohorts.forEach((cohort, row) => {
    const y = HEADER_HEIGHT + row * rowHeight;
    elements.push(svgText(labelWidth - 8, y + rowHeight / 2 + 4, rowLabels[row], { anchor: 'end' }));
    for (let column = 0; column < columns; column++) {
      const value = cohort.values[column];
      const x = labelWidth + column * cellWidth;
      const known = typeof value === 'number' && Number.isFinite(value);
      const fill = known ? sequentialBlue(value) : EMPTY_CELL_COLOUR;
      elements.push(svgRect(x + 1, y + 1, cellWidth - 2, rowHeight - 2, fill));
      if (known && cellWidth >= 28) {
        const text = formatPercent(value);
        elements.push(
          svgText(x + cellWidth / 2, y + rowHeight / 2 + 4, text, {
            anchor: 'middle',
            fill: textColourOn(value),
            size: 10,
          }),
        );
      }
    }
  });
  return svgDocument(
    { title: input.title, description: input.description ?? describeRetention(input), width, height },
    elements,
  );
}

function describeRetention(input: RetentionHeatmapInput): string {
  const rows = input.cohorts.slice(0, 12).map((cohort) => {
    const cells = cohort.values.map(
      (value, index) => `${input.periodLabels[index] ?? index}: ${value === null ? 'n/a' : formatPercent(value)}`,
    );
    return `${cohort.label}: ${cells.join(', ')}`;
  });
  return `Retention of ${input.cohorts.length} cohorts over ${input.periodLabels.length} periods. ${rows.join('; ')}.`;
}
