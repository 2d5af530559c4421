import { METRIC_COLUMNS, type ReportCell, type ReportSectionTable } from '../generation/report-content';

/** One headline figure of a report: a metric section's row with its change against the previous period. */
export interface HeadlineFigure {
  /** The section's title, with the group's values when the metric is grouped ("Orders — mobile"). */
  label: string;
  value: number | null;
  previous: number | null;
  change: number | null;
  /** Change ÷ previous × 100; null when the previous is 0. */
  changePercent: number | null;
  previousPeriod: { from: string; to: string } | null;
}

/** The figures of every metric section, in section order (what HTML, PDF and XLSX put first). */
export function headlineFigures(sections: readonly ReportSectionTable[]): HeadlineFigure[] {
  return sections.filter((section) => section.kind === 'metric').flatMap(sectionFigures);
}

function sectionFigures(section: ReportSectionTable): HeadlineFigure[] {
  const groups = section.groupColumns ?? 0;
  const at = (row: ReportCell[], column: (typeof METRIC_COLUMNS)[number]) => {
    const index = section.columns.indexOf(column, groups);
    const cell = index < 0 ? null : row[index];
    return typeof cell === 'number' ? cell : null;
  };
  return section.rows.map((row) => {
    const groupValues = row.slice(0, groups).map((cell) => (cell === null ? '(none)' : String(cell)));
    return {
      label: groupValues.length ? `${section.title} — ${groupValues.join(' / ')}` : section.title,
      value: at(row, 'value'),
      previous: at(row, 'previous'),
      change: at(row, 'change'),
      changePercent: at(row, 'changePercent'),
      previousPeriod: section.previousPeriod ?? null,
    };
  });
}

const COLUMN_LABELS: Record<string, string> = {
  value: 'Value',
  previous: 'Previous period',
  change: 'Change',
  changePercent: 'Change %',
  hour: 'Hour',
  day: 'Day',
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter',
  text: 'Text',
  figure: 'Figure',
  step: 'Step',
  event: 'Event',
  users: 'Users',
  conversionFromFirstPercent: 'Conversion from step 1 %',
  conversionFromPreviousPercent: 'Conversion from previous step %',
  droppedUsers: 'Dropped',
  medianSecondsFromPrevious: 'Median seconds from previous step',
  cohort: 'Cohort',
  size: 'Size',
  conversations: 'Conversations',
  resolved: 'Resolved',
  escalated: 'Escalated',
  abandoned: 'Abandoned',
  resolutionRatePercent: 'Resolution rate %',
  avgResponseTimeMs: 'Average response time (ms)',
  sharePercent: 'Share %',
  channel: 'Channel',
  category: 'Category',
  region: 'Region',
  revenue: 'Revenue',
  orders: 'Orders',
  revenueSharePercent: 'Revenue share %',
};

const RETENTION_PERIOD_COLUMN = /^(day|week|month)_(\d+)$/;

/** A column's heading for readers ("changePercent" → "Change %"); group-by keys stay as they are. */
export function columnLabel(column: string): string {
  const period = RETENTION_PERIOD_COLUMN.exec(column);
  if (period) return `${period[1].charAt(0).toUpperCase()}${period[1].slice(1)} ${period[2]}`;
  return COLUMN_LABELS[column] ?? column;
}

/** Which columns hold numbers (right-aligned in HTML and PDF): any number in the column makes it numeric. */
export function numericColumns(section: Pick<ReportSectionTable, 'columns' | 'rows'>): boolean[] {
  return section.columns.map((_, column) => section.rows.some((row) => typeof row[column] === 'number'));
}

/** "executive_summary" → "Executive summary". */
export function reportTypeLabel(type: string): string {
  const words = type.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// A fixed locale so that every replica writes the same file for the same data.
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A cell as shown in HTML and PDF: numbers grouped by thousands with at most 2 decimals, null as "–". */
export function formatCell(cell: ReportCell): string {
  if (cell === null) return '–';
  if (typeof cell === 'number') return Number.isFinite(cell) ? NUMBER.format(cell) : '–';
  return cell;
}

/** "+4 (+400%)", "−30 (−25%)", "+2 (previous 0)", "no change": a figure's change in words and signs. */
export function formatChange(figure: Pick<HeadlineFigure, 'change' | 'changePercent'>): string {
  if (figure.change === null) return 'no previous figure';
  if (figure.change === 0) return 'no change';
  const signed = (value: number) => `${value > 0 ? '+' : '−'}${NUMBER.format(Math.abs(value))}`;
  const percent = figure.changePercent === null ? 'previous 0' : `${signed(figure.changePercent)}%`;
  return `${signed(figure.change)} (${percent})`;
}

/** The previous period as its local dates: "vs 2026-03-18 – 2026-03-24". */
export function previousPeriodLabel(figure: Pick<HeadlineFigure, 'previousPeriod'>): string {
  return figure.previousPeriod ? `vs ${figure.previousPeriod.from} – ${figure.previousPeriod.to}` : '';
}
