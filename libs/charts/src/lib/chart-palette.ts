/**
 * Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), darkest first
 * so that one-series charts stay high-contrast on white.
 */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

export const AXIS_COLOUR = '#6b7280';
export const GRID_COLOUR = '#e5e7eb';
export const TEXT_COLOUR = '#1f2937';
export const MUTED_TEXT_COLOUR = '#4b5563';
export const BAND_COLOUR = '#56B4E9';
export const ANOMALY_COLOUR = '#D55E00';
export const EMPTY_CELL_COLOUR = '#f3f4f6';
export const FONT_FAMILY = 'Helvetica, Arial, sans-serif';

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length];
}

/** White → deep blue for a share in [0, 1] (the retention heatmap). */
export function sequentialBlue(share: number): string {
  const clamped = Math.min(1, Math.max(0, share));
  const from = [239, 246, 255];
  const to = [8, 48, 107];
  const channel = (index: number) => Math.round(from[index] + (to[index] - from[index]) * clamped);
  return `#${[0, 1, 2].map((index) => channel(index).toString(16).padStart(2, '0')).join('')}`;
}

/** Dark text on light cells, white text on dark ones (the heatmap's cell labels). */
export function textColourOn(share: number): string {
  return share > 0.5 ? '#ffffff' : TEXT_COLOUR;
}
