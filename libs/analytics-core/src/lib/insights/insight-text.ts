/** How figures read in an insight's explanation: money in cents or dollars, shares as percentages. */
export function formatCents(value: number): string {
  return value >= 100 ? `$${(value / 100).toFixed(2)}` : `${value.toFixed(2)}¢`;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10} %`;
}

export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
