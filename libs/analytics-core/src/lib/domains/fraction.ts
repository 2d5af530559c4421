/**
 * part / whole, and 0 when there is no whole: a rate over nothing is reported as 0 (as the specs'
 * `len(x) / max(len(y), 1)` does), never as NaN or an error.
 */
export function fractionOf(part: number, whole: number): number {
  if (!Number.isFinite(part) || !Number.isFinite(whole)) throw new RangeError(`Rates need finite numbers, got ${part} / ${whole}`);
  return whole === 0 ? 0 : part / whole;
}

/** Each entry's share of the total (0 when the total is 0). */
export function withShares<T extends { count: number }>(entries: readonly T[], total: number): Array<T & { share: number }> {
  return entries.map((entry) => ({ ...entry, share: fractionOf(entry.count, total) }));
}
