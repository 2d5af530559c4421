import type { IntentModel } from './intent-classifier';
import type { IntentValidation } from './intent-validation';

/** An intent model as plain JSON (a model-version row's jsonb), with the validation it was accepted on. */
export interface IntentModelDocument extends IntentModel {
  type: 'multinomial_naive_bayes';
  formatVersion: 1;
  validation?: IntentValidation;
}

export function intentModelToJson(model: IntentModel, validation?: IntentValidation): IntentModelDocument {
  return { type: 'multinomial_naive_bayes', formatVersion: 1, ...model, ...(validation ? { validation } : {}) };
}

/** Reads a stored document back, refusing anything that would score wrongly (RangeError saying what). */
export function intentModelFromJson(value: unknown): IntentModelDocument {
  if (typeof value !== 'object' || value === null) throw new RangeError('An intent model document must be an object');
  const document = value as Partial<IntentModelDocument>;
  if (document.type !== 'multinomial_naive_bayes') throw new RangeError(`Not an intent model: type ${String(document.type)}`);
  if (document.formatVersion !== 1) throw new RangeError(`Unsupported intent model format ${String(document.formatVersion)}`);
  if (typeof document.alpha !== 'number' || !(document.alpha > 0)) throw new RangeError('alpha must be a positive number');
  if (typeof document.bigrams !== 'boolean') throw new RangeError('bigrams must be a boolean');
  if (typeof document.minConfidence !== 'number' || !(document.minConfidence >= 0 && document.minConfidence <= 1))
    throw new RangeError('minConfidence must be within [0, 1]');
  const { labels, documentCounts, vocabulary, termCounts } = document;
  if (!Array.isArray(labels) || labels.length < 2 || labels.some((label) => typeof label !== 'string'))
    throw new RangeError('labels must be at least two strings');
  if (!Array.isArray(documentCounts) || documentCounts.length !== labels.length || documentCounts.some((count) => !Number.isInteger(count) || count < 1)) {
    throw new RangeError(`documentCounts must be ${labels.length} positive integers`);
  }
  if (!Array.isArray(vocabulary) || vocabulary.some((term) => typeof term !== 'string')) throw new RangeError('vocabulary must be strings');
  if (
    !Array.isArray(termCounts) ||
    termCounts.length !== labels.length ||
    termCounts.some(
      (counts) =>
        !Array.isArray(counts) ||
        counts.some((pair) => !Array.isArray(pair) || !Number.isInteger(pair[0]) || pair[0] < 0 || pair[0] >= vocabulary.length || !(pair[1] > 0)),
    )
  ) {
    throw new RangeError('termCounts must hold, per label, [vocabulary index, positive count] pairs');
  }
  return document as IntentModelDocument;
}
