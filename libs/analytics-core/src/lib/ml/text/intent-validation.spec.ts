import { trainIntentClassifier } from './intent-classifier';
import { intentModelFromJson, intentModelToJson } from './intent-model-json';
import { trainIntentClassifierWithValidation, validateIntentModel } from './intent-validation';
import { SYNTHETIC_INTENT_PHRASINGS, syntheticIntentMessages } from './synthetic-intent-messages';

describe('intent classifier on the synthetic support messages', () => {
  const messages = syntheticIntentMessages({ seed: 42, perIntent: 120 });

  it('generates the same labelled set for the same seed, 120 per intent', () => {
    expect(syntheticIntentMessages({ seed: 42, perIntent: 120 })).toEqual(messages);
    expect(messages).toHaveLength(120 * Object.keys(SYNTHETIC_INTENT_PHRASINGS).length);
  });

  // Measured (seed 42): accuracy 1.0, coverage 1.0 on 168 held-out messages. They reuse the training
  // phrasings with other slots, synonyms, typos and decorations: the easy case by design.
  it('reaches at least 95 % held-out accuracy on a stratified 20 % split', () => {
    const { validation } = trainIntentClassifierWithValidation(messages, { seed: 1 });
    expect(validation.rows).toBe(168);
    expect(validation.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(validation.coverage).toBeGreaterThanOrEqual(0.9);
  });

  // The hard case: each phrasing in turn held out of training, so every test message is worded in a way
  // the model never saw. Measured: 0.456 over the 7 folds (7 intents: chance is 0.14). Naive Bayes stays
  // confident when wrong here (85 % answered at the 0.6 threshold, half of them right): a tenant's model
  // is only as good as the variety of its labelled messages.
  it('generalises to unseen phrasings at 35 % or better, leaving one phrasing out at a time', () => {
    let right = 0;
    for (let phrasing = 0; phrasing < 7; phrasing++) {
      const heldOut = messages.filter((message) => message.phrasing === phrasing);
      const model = trainIntentClassifier(messages.filter((message) => message.phrasing !== phrasing));
      right += (validateIntentModel(model, heldOut).accuracy ?? 0) * heldOut.length;
    }
    expect(right / messages.length).toBeGreaterThanOrEqual(0.35);
  });

  it('survives a JSON round trip with its validation and predicts the same', () => {
    const { model, validation } = trainIntentClassifierWithValidation(messages, { seed: 1 });
    const restored = intentModelFromJson(JSON.parse(JSON.stringify(intentModelToJson(model, validation))));
    expect(restored.validation).toEqual(validation);
    expect(validateIntentModel(restored, messages)).toEqual(validateIntentModel(model, messages));
  });

  it('refuses model documents that would score wrongly, saying what', () => {
    const document = intentModelToJson(trainIntentClassifier(messages.slice(0, 400)));
    expect(() => intentModelFromJson({ ...document, type: 'logistic_regression' })).toThrow('Not an intent model');
    expect(() => intentModelFromJson({ ...document, documentCounts: [1] })).toThrow('documentCounts');
    expect(() => intentModelFromJson({ ...document, termCounts: document.termCounts.map(() => [[document.vocabulary.length, 1]]) })).toThrow('termCounts');
    expect(() => intentModelFromJson({ ...document, minConfidence: 2 })).toThrow('minConfidence');
  });
});
