import { trainValidationSplit } from '../classification/train-validation-split';
import { intentClassifier, trainIntentClassifier, UNKNOWN_INTENT, type IntentExample, type IntentModel, type IntentTrainingOptions } from './intent-classifier';

/** How an intent model did on messages it was not trained on. */
export interface IntentValidation {
  rows: number;
  /** Share whose most probable intent is the true one (whatever the confidence). */
  accuracy: number | undefined;
  /** Share answered with an intent rather than `unknown`. */
  coverage: number | undefined;
  /** Among those answered, the share answered right. */
  answeredAccuracy: number | undefined;
}

export function validateIntentModel(model: IntentModel, examples: readonly IntentExample[]): IntentValidation {
  const classifier = intentClassifier(model);
  let right = 0;
  let answered = 0;
  let answeredRight = 0;
  for (const example of examples) {
    const prediction = classifier.predict(example.text);
    if (prediction.bestLabel === example.label) right++;
    if (prediction.label !== UNKNOWN_INTENT) {
      answered++;
      if (prediction.label === example.label) answeredRight++;
    }
  }
  const rows = examples.length;
  return {
    rows,
    accuracy: rows === 0 ? undefined : right / rows,
    coverage: rows === 0 ? undefined : answered / rows,
    answeredAccuracy: answered === 0 ? undefined : answeredRight / answered,
  };
}

/**
 * Trains on a seeded stratified share of the labelled messages and validates on the rest (20 % by
 * default). The model returned is the one validated: its accuracy is what it was measured to do. The
 * split comes back too, for breakdowns by intent.
 */
export function trainIntentClassifierWithValidation(
  examples: readonly IntentExample[],
  options: IntentTrainingOptions & { seed: number; validationShare?: number },
): { model: IntentModel; validation: IntentValidation; train: IntentExample[]; heldOut: IntentExample[] } {
  const usable = examples.filter((example) => example.label !== UNKNOWN_INTENT);
  const split = trainValidationSplit(
    usable.map((example) => example.label),
    { seed: options.seed, validationShare: options.validationShare },
  );
  const train = split.train.map((index) => usable[index]);
  const heldOut = split.validation.map((index) => usable[index]);
  const model = trainIntentClassifier(train, options);
  return { model, validation: validateIntentModel(model, heldOut), train, heldOut };
}
