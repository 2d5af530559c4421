import { sentimentTrajectory, UNKNOWN_INTENT } from '@pulse/analytics-core';
import { logCount } from '../feature-scales';
import type { FeatureTable } from '../feature-table';
import type { ConversationActivity } from './conversation-activity';

/** The satisfaction model's features, in column order: the analytics-engine spec's temporal, interaction, complexity, resolution and sentiment groups. */
export const SATISFACTION_FEATURES = [
  'duration_minutes',
  'response_seconds',
  'messages',
  'turns',
  'escalated',
  'resolved_by_human',
  'intent_switches',
  'unique_intents',
  'sentiment_initial',
  'sentiment_final',
  'sentiment_delta',
  'negative_share',
] as const;

export type SatisfactionFeature = (typeof SATISFACTION_FEATURES)[number];

/** Features the model reads as log(1 + x); the others it reads as they are. */
export const SATISFACTION_LOG_FEATURES: ReadonlySet<SatisfactionFeature> = new Set([
  'duration_minutes',
  'response_seconds',
  'messages',
  'turns',
  'intent_switches',
]);

/** A model value back on the readable scale (minutes, seconds, counts). */
export function satisfactionReadableValue(feature: SatisfactionFeature, modelValue: number): number {
  return SATISFACTION_LOG_FEATURES.has(feature) ? Math.expm1(modelValue) : modelValue;
}

/** VADER's cut: a compound score at or below −0.05 is a negative message. */
const NEGATIVE_SENTIMENT = -0.05;

export interface SatisfactionFeatureTable extends FeatureTable {
  /** Per row, the share of features observed (the rest were filled in): 1 with replies and scored messages. */
  completeness: number[];
  /** Per feature, the model value a missing one was filled with. */
  fill: number[];
}

/**
 * One row per conversation. Counts and durations enter on a log scale; flags are 0/1; sentiment is the
 * customer's, from `sentimentTrajectory` (initial, final, final − initial) and the share of negative messages.
 * A conversation without a timed reply has no `response_seconds`, one without a scored message no sentiment:
 * those are filled with `fill` — by default the mean of the rows that have them, and for scoring the model's
 * training means, so a missing feature contributes exactly nothing to the prediction.
 */
export function satisfactionFeatureTable(conversations: readonly ConversationActivity[], options: { fill?: readonly number[] } = {}): SatisfactionFeatureTable {
  const width = SATISFACTION_FEATURES.length;
  if (options.fill && options.fill.length !== width) throw new RangeError(`fill needs ${width} values, got ${options.fill.length}`);
  const keys: string[] = [];
  const observed: (number | null)[][] = [];
  const readable: (number | null)[][] = [];
  for (const conversation of conversations) {
    assertActivity(conversation);
    const trajectory = sentimentTrajectory(conversation.customerSentiments);
    const scored = conversation.customerSentiments.filter((score): score is number => typeof score === 'number');
    const negativeShare = trajectory ? scored.filter((score) => score <= NEGATIVE_SENTIMENT).length / scored.length : null;
    const minutes = conversation.durationSeconds / 60;
    const responseSeconds = conversation.meanResponseMs === null ? null : conversation.meanResponseMs / 1000;
    const messages = conversation.customerMessages + conversation.replies;
    // `unknown` (the stream processor's answer when it cannot tell) is no intent: it neither switches nor counts.
    const intents = conversation.intents.filter((intent) => intent !== UNKNOWN_INTENT);
    const switches = intents.filter((intent, i) => i > 0 && intent !== intents[i - 1]).length;
    const uniqueIntents = new Set(intents).size;
    const escalated = conversation.escalated ? 1 : 0;
    const byHuman = conversation.resolvedByHuman ? 1 : 0;
    keys.push(conversation.conversation);
    readable.push([
      minutes,
      responseSeconds,
      messages,
      conversation.customerMessages,
      escalated,
      byHuman,
      switches,
      uniqueIntents,
      trajectory?.initial ?? null,
      trajectory?.final ?? null,
      trajectory?.delta ?? null,
      negativeShare,
    ]);
    observed.push([
      logCount(minutes),
      responseSeconds === null ? null : logCount(responseSeconds),
      logCount(messages),
      logCount(conversation.customerMessages),
      escalated,
      byHuman,
      logCount(switches),
      uniqueIntents,
      trajectory?.initial ?? null,
      trajectory?.final ?? null,
      trajectory?.delta ?? null,
      negativeShare,
    ]);
  }
  const fill = options.fill ? [...options.fill] : observedMeans(observed, width);
  return {
    featureNames: SATISFACTION_FEATURES,
    keys,
    values: observed.map((row) => row.map((value, j) => value ?? fill[j])),
    readable,
    completeness: observed.map((row) => row.filter((value) => value !== null).length / width),
    fill,
  };
}

function observedMeans(rows: readonly (number | null)[][], width: number): number[] {
  return Array.from({ length: width }, (_, j) => {
    const present = rows.map((row) => row[j]).filter((value): value is number => value !== null);
    return present.length === 0 ? 0 : present.reduce((sum, value) => sum + value, 0) / present.length;
  });
}

function assertActivity(conversation: ConversationActivity): void {
  const counts = [conversation.durationSeconds, conversation.customerMessages, conversation.replies];
  if (counts.some((value) => !(value >= 0) || !Number.isFinite(value))) {
    throw new RangeError(`${conversation.conversation}: duration and message counts must be finite numbers ≥ 0`);
  }
  if (conversation.meanResponseMs !== null && !(conversation.meanResponseMs >= 0 && Number.isFinite(conversation.meanResponseMs))) {
    throw new RangeError(`${conversation.conversation}: the mean response time must be a finite number ≥ 0 or null`);
  }
}
