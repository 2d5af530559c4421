/** Options every chart takes. Sizes are in SVG user units (pixels when inserted as is). */
export interface ChartFrameOptions {
  /** The chart's accessible name (`<title>`); also what a screen reader announces. */
  title: string;
  /** A longer accessible description (`<desc>`); by default a sentence generated from the data. */
  description?: string;
  width?: number;
  height?: number;
}

/** A value per x label; `null` is a gap (the line is broken there). */
export type SeriesValues = ReadonlyArray<number | null>;

export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}
