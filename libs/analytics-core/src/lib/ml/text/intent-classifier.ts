import { textTerms } from './tokenizer';

/**
 * Intent from message text: multinomial naive Bayes over word (and optionally bigram) counts with
 * Laplace/Lidstone smoothing — scikit-learn's `MultinomialNB(alpha)` over a `CountVectorizer`, the usual
 * strong baseline for short texts, trained in one pass and explainable by counts. The model is plain data
 * (counts, not log-probabilities), so it serialises exactly and merges by addition.
 */
export const UNKNOWN_INTENT = 'unknown';

export interface IntentExample {
  text: string;
  label: string;
}

export interface IntentModel {
  /** Additive smoothing per term (1 = Laplace). */
  alpha: number;
  bigrams: boolean;
  /** Below this probability the answer is `unknown`. */
  minConfidence: number;
  /** Sorted. */
  labels: string[];
  /** Training texts per label. */
  documentCounts: number[];
  /** Every term seen in training, sorted. */
  vocabulary: string[];
  /** Per label, the terms it used: [index into vocabulary, count], by index. */
  termCounts: Array<Array<[number, number]>>;
}

export interface IntentTrainingOptions {
  alpha?: number;
  bigrams?: boolean;
  minConfidence?: number;
}

export const INTENT_DEFAULTS = { alpha: 1, bigrams: true, minConfidence: 0.6 } as const;

/**
 * Counts the examples' terms per label. Examples labelled `unknown` say nothing about any intent and are
 * left out; at least two labels must remain (one label is not a classifier).
 */
export function trainIntentClassifier(examples: readonly IntentExample[], options: IntentTrainingOptions = {}): IntentModel {
  const alpha = options.alpha ?? INTENT_DEFAULTS.alpha;
  const bigrams = options.bigrams ?? INTENT_DEFAULTS.bigrams;
  const minConfidence = options.minConfidence ?? INTENT_DEFAULTS.minConfidence;
  if (!(alpha > 0)) throw new RangeError(`alpha must be positive, got ${alpha}`);
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new RangeError(`minConfidence must be within [0, 1], got ${minConfidence}`);
  const usable = examples.filter((example) => example.label !== UNKNOWN_INTENT);
  const labels = [...new Set(usable.map((example) => example.label))].sort();
  if (labels.length < 2) throw new RangeError(`Training needs at least two intents, got ${labels.length}`);

  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const documentCounts = new Array<number>(labels.length).fill(0);
  const countsByLabel = labels.map(() => new Map<string, number>());
  for (const example of usable) {
    const index = labelIndex.get(example.label) ?? 0;
    documentCounts[index]++;
    for (const term of textTerms(example.text, { bigrams })) countsByLabel[index].set(term, (countsByLabel[index].get(term) ?? 0) + 1);
  }
  const vocabulary = [...new Set(countsByLabel.flatMap((counts) => [...counts.keys()]))].sort();
  const termIndex = new Map(vocabulary.map((term, index) => [term, index]));
  const termCounts = countsByLabel.map((counts) =>
    [...counts].map(([term, count]): [number, number] => [termIndex.get(term) ?? 0, count]).sort((a, b) => a[0] - b[0]),
  );
  return { alpha, bigrams, minConfidence, labels, documentCounts, vocabulary, termCounts };
}

export interface IntentPrediction {
  /** The most probable intent, or `unknown` when its probability is below the model's threshold or the text has no term the model knows. */
  label: string;
  /** The most probable intent's probability (also when the answer is `unknown`); 0 when no term was known. */
  confidence: number;
  /** The most probable intent even when not confident enough to answer it; undefined when no term was known. */
  bestLabel: string | undefined;
}

export interface IntentClassifier {
  model: IntentModel;
  /** Posterior probability per label (the model's label order); the prior when no term is known. */
  probabilities(text: string): number[];
  predict(text: string): IntentPrediction;
}

/** Prepares a model for scoring: log-probabilities per term, computed once. */
export function intentClassifier(model: IntentModel): IntentClassifier {
  const labelCount = model.labels.length;
  const totalDocuments = model.documentCounts.reduce((sum, count) => sum + count, 0);
  const logPrior = model.documentCounts.map((count) => Math.log(count / totalDocuments));
  // log P(term | label) = log(count + α) − log(Σ counts + α × |vocabulary|); a term the label never used keeps α.
  const unseen = new Array<number>(labelCount);
  const termLogProbability = new Map<string, Float64Array>();
  model.termCounts.forEach((counts, label) => {
    const total = counts.reduce((sum, [, count]) => sum + count, 0);
    const denominator = Math.log(total + model.alpha * model.vocabulary.length);
    unseen[label] = Math.log(model.alpha) - denominator;
    for (const [index, count] of counts) {
      const term = model.vocabulary[index];
      let row = termLogProbability.get(term);
      if (!row) {
        row = new Float64Array(labelCount).fill(Number.NaN);
        termLogProbability.set(term, row);
      }
      row[label] = Math.log(count + model.alpha) - denominator;
    }
  });
  for (const row of termLogProbability.values()) row.forEach((value, label) => (row[label] = Number.isNaN(value) ? unseen[label] : value));

  const score = (text: string): { probabilities: number[]; known: number } => {
    const joint = [...logPrior];
    let known = 0;
    // Terms outside the vocabulary are ignored, as CountVectorizer drops them.
    for (const term of textTerms(text, { bigrams: model.bigrams })) {
      const row = termLogProbability.get(term);
      if (!row) continue;
      known++;
      for (let label = 0; label < labelCount; label++) joint[label] += row[label];
    }
    const top = Math.max(...joint);
    const exps = joint.map((value) => Math.exp(value - top));
    const sum = exps.reduce((total, value) => total + value, 0);
    return { probabilities: exps.map((value) => value / sum), known };
  };

  return {
    model,
    probabilities: (text) => score(text).probabilities,
    predict: (text) => {
      const { probabilities, known } = score(text);
      if (known === 0) return { label: UNKNOWN_INTENT, confidence: 0, bestLabel: undefined };
      let best = 0;
      for (let label = 1; label < labelCount; label++) if (probabilities[label] > probabilities[best]) best = label;
      const confidence = probabilities[best];
      return { label: confidence >= model.minConfidence ? model.labels[best] : UNKNOWN_INTENT, confidence, bestLabel: model.labels[best] };
    },
  };
}
