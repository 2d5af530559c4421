/**
 * How sure a change is real: the confidence an insight carries is 1 − p of a two-sided test, so 0.95 means
 * "a change this large would happen by chance one time in twenty".
 */

/** Standard normal cumulative distribution (through `erfc` below). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p-value of a z statistic. */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
}

/**
 * Two-proportion z-test (pooled): did `currentHits / currentTotal` differ from `previousHits / previousTotal`?
 * Returns the z statistic and 1 − p; no data on either side → confidence 0.
 */
export function proportionChange(
  currentHits: number,
  currentTotal: number,
  previousHits: number,
  previousTotal: number,
): { z: number; confidence: number } {
  if (currentTotal <= 0 || previousTotal <= 0) return { z: 0, confidence: 0 };
  const pooled = (currentHits + previousHits) / (currentTotal + previousTotal);
  const standardError = Math.sqrt(
    pooled * (1 - pooled) * (1 / currentTotal + 1 / previousTotal),
  );
  if (standardError === 0) return { z: 0, confidence: 0 };
  const z =
    (currentHits / currentTotal - previousHits / previousTotal) / standardError;
  return { z, confidence: 1 - twoSidedPValue(z) };
}

/**
 * Two Poisson counts over periods of equal length: z = (a − b) / √(a + b) (the normal approximation of the
 * conditional binomial test), e.g. events this week against last week.
 */
export function countChange(
  current: number,
  previous: number,
): { z: number; confidence: number } {
  if (current + previous <= 0) return { z: 0, confidence: 0 };
  const z = (current - previous) / Math.sqrt(current + previous);
  return { z, confidence: 1 - twoSidedPValue(z) };
}

/** A sample given by its size, sum and sum of squares: what SQL can return without the values. */
export interface SampleMoments {
  count: number;
  sum: number;
  sumOfSquares: number;
}

/**
 * Two means by the large-sample (Welch) z-test on the samples' own variances, e.g. events per person this
 * period against the last: z = (m₁ − m₀) / √(s₁²/n₁ + s₀²/n₀). Fewer than two values on a side → confidence 0.
 */
export function meanChange(
  current: SampleMoments,
  previous: SampleMoments,
): { z: number; confidence: number } {
  if (current.count < 2 || previous.count < 2) return { z: 0, confidence: 0 };
  const standardError = Math.sqrt(
    sampleVariance(current) / current.count +
      sampleVariance(previous) / previous.count,
  );
  if (standardError === 0) return { z: 0, confidence: 0 };
  const z =
    (current.sum / current.count - previous.sum / previous.count) /
    standardError;
  return { z, confidence: 1 - twoSidedPValue(z) };
}

function sampleVariance({ count, sum, sumOfSquares }: SampleMoments): number {
  return Math.max(0, (sumOfSquares - (sum * sum) / count) / (count - 1));
}

/**
 * Complementary error function, accurate to ~1e-7 (Numerical Recipes' Chebyshev fit `erfcc`): enough for
 * confidences shown with two decimals.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t *
                                  (1.48851587 +
                                    t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
