// @ts-expect-error -- vader-sentiment 1.1.x ships no types; the one call Pulse makes is typed below.
import { SentimentIntensityAnalyzer } from 'vader-sentiment';

/** VADER's scores: shares of negative, neutral and positive text, and the normalised compound score in [−1, 1]. */
export interface VaderScores {
  neg: number;
  neu: number;
  pos: number;
  compound: number;
}

/**
 * The registry package `vader-sentiment` (a port of Hutto & Gilbert's VADER), typed here instead of by an
 * ambient declaration so every project compiling analytics-core sees the same types.
 */
export const vaderAnalyzer: { polarity_scores(text: string): VaderScores } = SentimentIntensityAnalyzer;
