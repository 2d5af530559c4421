export interface NiceScale {
  /** Lowest tick, ≤ the data's minimum. */
  min: number;
  /** Highest tick, ≥ the data's maximum. */
  max: number;
  step: number;
  /** From `min` to `max` by `step`, each 1, 2, 2.5 or 5 × a power of ten. */
  ticks: number[];
}

/**
 * Axis ticks at "nice" numbers (Heckbert's labelling): the step is 1, 2, 2.5 or 5 × 10^k, and the
 * ends are multiples of the step that enclose the data. An empty or flat range still gets an axis.
 */
export function niceScale(dataMin: number, dataMax: number, maxTicks = 6): NiceScale {
  let low = Math.min(dataMin, dataMax);
  let high = Math.max(dataMin, dataMax);
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    low = 0;
    high = 1;
  }
  if (low === high) {
    if (low === 0) high = 1;
    else if (low > 0) low = 0;
    else high = 0;
  }
  const step = niceStep((high - low) / Math.max(1, maxTicks - 1));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const min = roundTo(Math.floor(low / step + 1e-9) * step, decimals);
  const max = roundTo(Math.ceil(high / step - 1e-9) * step, decimals);
  const ticks: number[] = [];
  for (let index = 0; ; index++) {
    const tick = roundTo(min + index * step, decimals);
    if (tick > max + step / 2) break;
    ticks.push(tick);
  }
  return { min, max, step, ticks };
}

function niceStep(roughStep: number): number {
  const exponent = Math.floor(Math.log10(roughStep));
  const power = Math.pow(10, exponent);
  const fraction = roughStep / power;
  const niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return roundTo(niceFraction * power, Math.max(0, -exponent + 1));
}

function roundTo(value: number, decimals: number): number {
  const rounded = Number(value.toFixed(Math.min(20, decimals)));
  return Object.is(rounded, -0) ? 0 : rounded;
}
