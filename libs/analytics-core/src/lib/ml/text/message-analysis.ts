import { UNKNOWN_INTENT, type IntentClassifier } from './intent-classifier';
import { messageSentiment, type MessageSentiment, type SentimentUnavailableReason } from './message-sentiment';

/**
 * Sentiment and intent of one message text: what `POST /v1/ml/messages/analyze` answers and what the stream
 * processor derives for a message event. A text that cannot be judged (empty, too long, not English) gets
 * no sentiment and an unknown intent, both with the reason; without a classifier the intent is unknown.
 */
export type IntentUnknownReason = SentimentUnavailableReason | 'no_intent_model' | 'below_confidence' | 'no_known_words';

export interface MessageIntent {
  label: string;
  /** Probability of the most likely intent; 0 when nothing was judged. */
  confidence: number;
  reason?: IntentUnknownReason;
}

export interface MessageAnalysis {
  sentiment: MessageSentiment | null;
  /** Why sentiment is null. */
  reason?: SentimentUnavailableReason;
  detail?: string;
  intent: MessageIntent;
}

export function analyzeMessage(text: string, classifier: IntentClassifier | undefined): MessageAnalysis {
  const result = messageSentiment(text);
  if (result.sentiment === null) {
    // The same limits as sentiment: a text too long or not in a supported language is not judged at all.
    return { sentiment: null, reason: result.reason, detail: result.detail, intent: { label: UNKNOWN_INTENT, confidence: 0, reason: result.reason } };
  }
  return { sentiment: result.sentiment, intent: messageIntent(text, classifier) };
}

function messageIntent(text: string, classifier: IntentClassifier | undefined): MessageIntent {
  if (!classifier) return { label: UNKNOWN_INTENT, confidence: 0, reason: 'no_intent_model' };
  const prediction = classifier.predict(text);
  if (prediction.bestLabel === undefined) return { label: UNKNOWN_INTENT, confidence: 0, reason: 'no_known_words' };
  if (prediction.label === UNKNOWN_INTENT) return { label: UNKNOWN_INTENT, confidence: prediction.confidence, reason: 'below_confidence' };
  return { label: prediction.label, confidence: prediction.confidence };
}
