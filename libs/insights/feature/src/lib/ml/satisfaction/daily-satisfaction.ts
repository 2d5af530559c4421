/** One conversation of the daily series: the day it started, its score if given, and the model's prediction. */
export interface DailyConversation {
  day: string;
  observed: number | null;
  predicted: number;
}

export interface DailySatisfactionPoint {
  day: string;
  /** Conversations without a score: the series the model exists for. */
  unscored: { conversations: number; predictedMean: number | null };
  /** Conversations with a score: what customers said, and what the model predicted for the same ones. */
  scored: { conversations: number; observedMean: number | null; predictedMean: number | null };
}

/** Every local day from `fromDay` to `toDay` (inclusive), YYYY-MM-DD; calendar arithmetic, no time zone involved. */
export function localDays(fromDay: string, toDay: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${fromDay}T00:00:00Z`); at <= Date.parse(`${toDay}T00:00:00Z`); at += 86_400_000) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/** Means per day; a day without conversations of a kind has null means and 0 conversations. */
export function dailySatisfaction(days: readonly string[], conversations: readonly DailyConversation[]): DailySatisfactionPoint[] {
  const byDay = new Map(days.map((day) => [day, { unscored: [] as number[], observed: [] as number[], predictedScored: [] as number[] }]));
  for (const conversation of conversations) {
    const bucket = byDay.get(conversation.day);
    if (!bucket) continue;
    if (conversation.observed === null) bucket.unscored.push(conversation.predicted);
    else {
      bucket.observed.push(conversation.observed);
      bucket.predictedScored.push(conversation.predicted);
    }
  }
  return days.map((day) => {
    const bucket = byDay.get(day) ?? { unscored: [], observed: [], predictedScored: [] };
    return {
      day,
      unscored: { conversations: bucket.unscored.length, predictedMean: mean(bucket.unscored) },
      scored: { conversations: bucket.observed.length, observedMean: mean(bucket.observed), predictedMean: mean(bucket.predictedScored) },
    };
  });
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}
