import { syntheticIntentMessages } from '@pulse/analytics-core';
import { isBetterIntentModel, trainIntentModel, usableIntentMessages } from './intent-model-training';

describe('intent model training', () => {
  it('keeps only intents with at least 5 labelled messages, and never unknown', () => {
    const messages = [
      ...Array.from({ length: 5 }, (_, i) => ({ text: `where is order ${i}`, label: 'order_status' })),
      ...Array.from({ length: 4 }, (_, i) => ({ text: `refund ${i}`, label: 'refund_request' })),
      ...Array.from({ length: 9 }, (_, i) => ({ text: `hello ${i}`, label: 'unknown' })),
    ];
    const { usable, counts } = usableIntentMessages(messages);
    expect(counts).toEqual({ labelledMessages: 5, intents: 1 });
    expect(usable.every((message) => message.label === 'order_status')).toBe(true);
  });

  it('holds out 20 % of each intent and counts, per intent, what was trained, held out and put first', () => {
    // 7 intents × 30: round(0.2 × 30) = 6 held out of each.
    const outcome = trainIntentModel(syntheticIntentMessages({ seed: 8, perIntent: 30 }), null);
    expect(outcome.validation.rows).toBe(42);
    expect(outcome.trainingRows).toBe(168);
    expect(outcome.perIntent.map((row) => [row.trainingMessages, row.heldOutMessages])).toEqual(Array.from({ length: 7 }, () => [24, 6]));
    const correct = outcome.perIntent.reduce((sum, row) => sum + row.correct, 0);
    expect(correct / 42).toBeCloseTo(outcome.validation.accuracy ?? Number.NaN, 12);
    // Every intent equally common: the majority baseline is one intent's share, 6 of 42.
    expect(outcome.baselineAccuracy).toBeCloseTo(6 / 42, 12);
    expect(outcome.replaces).toBe(true);
  });

  it('serves a first version only above the majority baseline, a later one only 0.01 above the served accuracy', () => {
    expect(isBetterIntentModel(0.5, 0.5, null)).toBe(false);
    expect(isBetterIntentModel(0.51, 0.5, null)).toBe(true);
    expect(isBetterIntentModel(0.91, 0.2, 0.9)).toBe(true);
    expect(isBetterIntentModel(0.909, 0.2, 0.9)).toBe(false);
    expect(isBetterIntentModel(0.95, 0.96, 0.5)).toBe(false);
    expect(isBetterIntentModel(undefined, 0.2, null)).toBe(false);
  });
});
