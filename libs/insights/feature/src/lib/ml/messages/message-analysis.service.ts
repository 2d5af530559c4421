import { Inject, Injectable } from '@nestjs/common';
import { intentClassifier, messageSentiment, UNKNOWN_INTENT, type IntentClassifier, type IntentModel } from '@pulse/analytics-core';
import type { MessageAnalysisResponse, MessageIntentResponse } from './message-analysis.dto';
import { INTENT_MODEL_SOURCE, type IntentModelSource } from './intent-model-source';

/**
 * Sentiment and intent of message texts, stateless: nothing is stored (the text is personal data). A
 * message that cannot be judged gets null sentiment and an unknown intent with the reason; the batch goes on.
 */
@Injectable()
export class MessageAnalysisService {
  // Preparing a model (log-probabilities per term) costs a pass over its vocabulary: once per model object.
  private readonly classifiers = new WeakMap<IntentModel, IntentClassifier>();

  constructor(@Inject(INTENT_MODEL_SOURCE) private readonly intentModels: IntentModelSource) {}

  async analyze(tenantId: string, messages: ReadonlyArray<{ id?: string; text: string }>): Promise<MessageAnalysisResponse[]> {
    const model = await this.intentModels.currentModel(tenantId);
    const classifier = model ? this.classifierFor(model) : undefined;
    return messages.map(({ id, text }) => {
      const result = messageSentiment(text);
      const unavailable = result.sentiment === null ? { reason: result.reason, detail: result.detail } : undefined;
      return {
        id: id ?? null,
        sentiment: result.sentiment,
        ...unavailable,
        intent: this.intentOf(text, classifier, unavailable?.reason),
      };
    });
  }

  private intentOf(text: string, classifier: IntentClassifier | undefined, unavailable: string | undefined): MessageIntentResponse {
    // The same limits as sentiment: a text too long or not in a supported language is not judged at all.
    if (unavailable) return { label: UNKNOWN_INTENT, confidence: 0, reason: unavailable };
    if (!classifier) return { label: UNKNOWN_INTENT, confidence: 0, reason: 'no_intent_model' };
    const prediction = classifier.predict(text);
    if (prediction.bestLabel === undefined) return { label: UNKNOWN_INTENT, confidence: 0, reason: 'no_known_words' };
    if (prediction.label === UNKNOWN_INTENT) return { label: UNKNOWN_INTENT, confidence: prediction.confidence, reason: 'below_confidence' };
    return { label: prediction.label, confidence: prediction.confidence };
  }

  private classifierFor(model: IntentModel): IntentClassifier {
    let classifier = this.classifiers.get(model);
    if (!classifier) {
      classifier = intentClassifier(model);
      this.classifiers.set(model, classifier);
    }
    return classifier;
  }
}
