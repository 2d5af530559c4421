import {
  intentClassifier,
  trainIntentClassifierWithValidation,
  UNKNOWN_INTENT,
  type IntentExample,
  type IntentModel,
  type IntentValidation,
} from '@pulse/analytics-core';
import { HOLDOUT_FIT } from '../training/holdout-fit';

/** Labelled messages of the 90 days before now are read for training, the newest 20,000 at most. */
export const INTENT_TRAINING_DAYS = 90;
export const INTENT_TRAINING_MAX_MESSAGES = 20_000;

/**
 * An intent is learned only from at least 5 labelled messages (so the 20 % held out has one of it); messages of
 * rarer intents are left out. At least 50 messages in at least 2 such intents are needed: one intent is no classifier.
 */
export const INTENT_MESSAGES_PER_INTENT = 5;
export const INTENT_TRAINING_MINIMUM = { labelledMessages: 50, intents: 2 } as const;

/**
 * A new version replaces the served one when its held-out accuracy (on its own hold-out) is higher than the
 * accuracy the served version had on its own by at least 0.01, and — always, the first version too — higher than
 * the majority baseline (answering the most common training intent for every message). Both hold-outs are honest
 * estimates on messages their model never saw; the margin keeps a retrain's noise from swapping models.
 */
export const MIN_INTENT_ACCURACY_GAIN = 0.01;

export interface IntentClassCounts {
  intent: string;
  trainingMessages: number;
  heldOutMessages: number;
  /** Held-out messages of this intent whose most probable intent was right. */
  correct: number;
}

export interface IntentTrainingOutcome {
  model: IntentModel;
  validation: IntentValidation;
  /** Held-out share of the most common training intent: what always guessing it would score. */
  baselineAccuracy: number | undefined;
  perIntent: IntentClassCounts[];
  trainingRows: number;
  replaces: boolean;
}

/** The messages usable for training (intents with enough of them) and what they add up to. */
export function usableIntentMessages(messages: readonly IntentExample[]): { usable: IntentExample[]; counts: { labelledMessages: number; intents: number } } {
  const perIntent = new Map<string, number>();
  for (const { label } of messages) if (label !== UNKNOWN_INTENT) perIntent.set(label, (perIntent.get(label) ?? 0) + 1);
  const kept = new Set([...perIntent].filter(([, count]) => count >= INTENT_MESSAGES_PER_INTENT).map(([label]) => label));
  const usable = messages.filter((message) => kept.has(message.label));
  return { usable, counts: { labelledMessages: usable.length, intents: kept.size } };
}

/** Multinomial naive Bayes (analytics-core) on the seeded stratified 80 %, judged on the other 20 %. */
export function trainIntentModel(usable: readonly IntentExample[], servedAccuracy: number | undefined | null): IntentTrainingOutcome {
  const { model, validation, train, heldOut } = trainIntentClassifierWithValidation(usable, {
    seed: HOLDOUT_FIT.seed,
    validationShare: HOLDOUT_FIT.validationShare,
  });
  const trainingCounts = countBy(train);
  const majority = [...trainingCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const baselineAccuracy = heldOut.length === 0 ? undefined : heldOut.filter((message) => message.label === majority).length / heldOut.length;
  const classifier = intentClassifier(model);
  const heldOutCounts = countBy(heldOut);
  const correct = countBy(heldOut.filter((message) => classifier.predict(message.text).bestLabel === message.label));
  const perIntent = model.labels.map((intent) => ({
    intent,
    trainingMessages: trainingCounts.get(intent) ?? 0,
    heldOutMessages: heldOutCounts.get(intent) ?? 0,
    correct: correct.get(intent) ?? 0,
  }));
  return {
    model,
    validation,
    baselineAccuracy,
    perIntent,
    trainingRows: train.length,
    replaces: isBetterIntentModel(validation.accuracy, baselineAccuracy, servedAccuracy),
  };
}

export function isBetterIntentModel(accuracy: number | undefined, baselineAccuracy: number | undefined, servedAccuracy: number | undefined | null): boolean {
  if (accuracy === undefined || baselineAccuracy === undefined || !(accuracy > baselineAccuracy)) return false;
  if (servedAccuracy === undefined || servedAccuracy === null) return true;
  // A gain met up to rounding counts as met (0.91 − 0.9 is 0.00999… in binary).
  return accuracy - servedAccuracy >= MIN_INTENT_ACCURACY_GAIN - 1e-12;
}

function countBy(messages: readonly IntentExample[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { label } of messages) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}
