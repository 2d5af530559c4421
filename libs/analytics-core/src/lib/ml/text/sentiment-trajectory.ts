/**
 * How sentiment moved over a conversation, from its messages' scores in order (VADER compound, −1…1):
 * the first and last scored message, the change between them, the mean and the low point. Messages
 * without a score (null: not English, too long) are skipped; a conversation with none has no trajectory.
 * The satisfaction model reads these as features.
 */
export interface SentimentTrajectory {
  initial: number;
  final: number;
  /** final − initial: positive when the conversation ended happier than it began. */
  delta: number;
  mean: number;
  min: number;
  /** Messages that had a score. */
  scored: number;
}

export function sentimentTrajectory(scores: readonly (number | null | undefined)[]): SentimentTrajectory | undefined {
  const present = scores.filter((score): score is number => typeof score === 'number');
  for (const score of present) {
    if (!(score >= -1 && score <= 1)) throw new RangeError(`Sentiment scores must be within [−1, 1], got ${score}`);
  }
  if (present.length === 0) return undefined;
  const initial = present[0];
  const final = present[present.length - 1];
  return {
    initial,
    final,
    delta: final - initial,
    mean: present.reduce((sum, score) => sum + score, 0) / present.length,
    min: Math.min(...present),
    scored: present.length,
  };
}
