/** How a figure is shown: the dashboards contract's `options.format` of counters. */
export type NumberFormat = 'number' | 'currency' | 'percent';

const EN = 'en-US';

/**
 * A figure as people read it on a dashboard: grouped thousands, at most two decimals (none for whole
 * numbers), a currency sign or a percent of a fraction; `—` for a missing value.
 */
export function formatNumber(value: number | null | undefined, format: NumberFormat = 'number', currency = 'USD'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (format === 'percent') return `${trimmed(value * 100, 1)} %`;
  if (format === 'currency') {
    return new Intl.NumberFormat(EN, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  }
  return trimmed(value, Number.isInteger(value) ? 0 : 2);
}

/** The short form for chart axes: 1.2K, 3.4M. */
export function formatCompact(value: number): string {
  return new Intl.NumberFormat(EN, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A change against the previous period, as a signed percent ("+12.5 %", "−3 %"); `null` → "n/a". */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return 'n/a';
  const percent = trimmed(Math.abs(change) * 100, 1);
  if (change > 0) return `+${percent} %`;
  if (change < 0) return `\u2212${percent} %`;
  return '0 %';
}

function trimmed(value: number, maxDigits: number): string {
  return new Intl.NumberFormat(EN, { maximumFractionDigits: maxDigits }).format(value);
}
