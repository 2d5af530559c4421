/**
 * Validation metrics of a binary classifier. Labels are 0 or 1; scores are the predicted probabilities
 * of 1. Like the descriptive statistics, a metric the data cannot define is undefined (AUC without both
 * classes, precision without a predicted positive).
 */

/**
 * Area under the ROC curve as the Mann–Whitney statistic: the chance that a random positive scores above
 * a random negative, a tie counting one half (tied scores get their average rank). This is the area
 * scikit-learn's `roc_auc_score` integrates with the trapezoid rule, ties included.
 */
export function rocAuc(labels: readonly number[], scores: readonly number[]): number | undefined {
  assertBinary(labels, scores);
  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  const order = scores.map((score, index) => ({ score, index })).sort((a, b) => a.score - b.score);
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].score === order[start].score) end++;
    const averageRank = (start + end) / 2 + 1; // ranks count from 1
    for (let k = start; k <= end; k++) if (labels[order[k].index] === 1) positiveRankSum += averageRank;
    start = end + 1;
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface ThresholdCounts {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** TP / (TP + FP); undefined when nothing is predicted positive. */
  precision: number | undefined;
  /** TP / (TP + FN); undefined without positives. */
  recall: number | undefined;
}

/** Predicts 1 when the score is at least the threshold, and counts the outcomes. */
export function precisionRecallAt(labels: readonly number[], scores: readonly number[], threshold: number): ThresholdCounts {
  assertBinary(labels, scores);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  scores.forEach((score, i) => {
    const predicted = score >= threshold;
    if (predicted && labels[i] === 1) truePositives++;
    else if (predicted) falsePositives++;
    else if (labels[i] === 1) falseNegatives++;
    else trueNegatives++;
  });
  return {
    threshold,
    truePositives,
    falsePositives,
    falseNegatives,
    trueNegatives,
    precision: truePositives + falsePositives === 0 ? undefined : truePositives / (truePositives + falsePositives),
    recall: truePositives + falseNegatives === 0 ? undefined : truePositives / (truePositives + falseNegatives),
  };
}

/** Mean squared difference between predicted probability and outcome (scikit-learn's `brier_score_loss`). */
export function brierScore(labels: readonly number[], scores: readonly number[]): number | undefined {
  assertBinary(labels, scores);
  if (labels.length === 0) return undefined;
  let sum = 0;
  scores.forEach((score, i) => (sum += (score - labels[i]) ** 2));
  return sum / labels.length;
}

export function assertBinary(labels: readonly number[], scores: readonly number[]): void {
  if (labels.length !== scores.length) throw new RangeError(`${labels.length} labels but ${scores.length} scores`);
  for (const label of labels) {
    if (label !== 0 && label !== 1) throw new RangeError(`Labels must be 0 or 1, got ${label}`);
  }
  for (const score of scores) {
    if (!Number.isFinite(score)) throw new RangeError(`Scores must be finite numbers, got ${score}`);
  }
}
