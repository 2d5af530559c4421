import * as reference from './fixtures/naive-bayes.json';
import { intentClassifier, trainIntentClassifier, UNKNOWN_INTENT } from './intent-classifier';

// Reference: tools/reference/classification_reference.py — CountVectorizer(token_pattern=tokenize's pattern,
// ngram_range (1, 1) or (1, 2)) + MultinomialNB(alpha=1) predict_proba on 13 labelled texts and 6 probes.
describe('intent classifier (multinomial naive Bayes)', () => {
  it.each(reference.cases.map((entry) => [entry.bigrams, entry] as const))('equals scikit-learn’s predict_proba (bigrams: %p)', (bigrams, expected) => {
    const model = trainIntentClassifier(reference.training, { bigrams, alpha: 1 });
    expect(model.labels).toEqual(expected.classes);
    expect(model.vocabulary).toHaveLength(expected.vocabularySize);
    const classifier = intentClassifier(model);
    reference.probes.forEach((probe, i) => {
      expect(classifier.probabilities(probe)).toEqual(expected.probabilities[i].map((value) => expect.closeTo(value, 12)));
    });
  });

  it('hand check: two one-word classes, Laplace smoothing', () => {
    // Vocabulary {refund, money, password}; refund: counts refund 2, money 1 (total 3); login: password 1 (total 1).
    // P(refund | refund) = (2 + 1) / (3 + 3) = 1/2, P(refund | login) = 1 / (1 + 3) = 1/4; equal priors → 2/3.
    const model = trainIntentClassifier(
      [
        { text: 'refund refund money', label: 'refund' },
        { text: 'password', label: 'login' },
      ],
      { bigrams: false, minConfidence: 0 },
    );
    expect(intentClassifier(model).predict('refund')).toEqual({ label: 'refund', confidence: expect.closeTo(2 / 3, 12), bestLabel: 'refund' });
  });

  it('answers unknown below the confidence threshold, still naming the best candidate', () => {
    const model = trainIntentClassifier(reference.training, { bigrams: false, minConfidence: 0.6 });
    // scikit-learn: 'my account order' → order_status 0.433, account_access 0.408.
    expect(intentClassifier(model).predict('my account order')).toEqual({
      label: UNKNOWN_INTENT,
      confidence: expect.closeTo(0.4329535, 6),
      bestLabel: 'order_status',
    });
  });

  it('answers unknown with confidence 0 when no word of the text was seen in training (the prior is no evidence)', () => {
    const model = trainIntentClassifier(reference.training, { minConfidence: 0 });
    expect(intentClassifier(model).predict('completely unrelated words here')).toEqual({ label: UNKNOWN_INTENT, confidence: 0, bestLabel: undefined });
    expect(intentClassifier(model).predict('')).toEqual({ label: UNKNOWN_INTENT, confidence: 0, bestLabel: undefined });
  });

  it('leaves examples labelled unknown out of training and needs two intents', () => {
    const model = trainIntentClassifier([
      { text: 'a', label: 'x' },
      { text: 'b', label: 'y' },
      { text: 'c', label: UNKNOWN_INTENT },
    ]);
    expect(model.labels).toEqual(['x', 'y']);
    expect(model.vocabulary).toEqual(['a', 'b']);
    expect(() => trainIntentClassifier([{ text: 'a', label: 'x' }])).toThrow('at least two intents');
  });
});
