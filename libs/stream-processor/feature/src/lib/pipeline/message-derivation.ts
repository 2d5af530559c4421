import { analyzeMessage, type IntentClassifier } from '@pulse/analytics-core';

/** The event types whose `text` the processor derives sentiment and intent from. */
export const MESSAGE_EVENT_TYPES: ReadonlySet<string> = new Set(['message_sent', 'message_received']);

/**
 * `properties.derived` lists what the processor derived rather than the sender gave: `"sentiment"` (then
 * `sentiment`, `sentiment_score` or `sentiment_reason` are the processor's), `"intent"` (`intent`, `intent_confidence`,
 * `intent_reason`). Intent training never learns from a derived intent. The key is reserved on message events.
 */
export const DERIVED_MARKER = 'derived';

export type DerivedValue = 'sentiment' | 'intent';

/** Whether the message event carries a `text` to derive from (and, unless the tenant opted in, to drop). */
export function carriesMessageText(type: string, properties: Readonly<Record<string, unknown>>): boolean {
  return MESSAGE_EVENT_TYPES.has(type) && typeof properties['text'] === 'string';
}

/**
 * A message event's properties with sentiment and intent derived from its `text` where the sender gave none, marked
 * as derived; the text is kept only when the tenant opted in (`storeMessageText`). A sentiment or intent the sender
 * gave is never replaced (`sentiment` or `sentiment_score`; `intent`). A text that cannot be read (empty, over
 * 32 KB, not English) gets `sentiment: null` with `sentiment_reason` and intent `unknown`: never an error. Other
 * events come back as they were.
 */
export function deriveMessageProperties(
  type: string,
  properties: Readonly<Record<string, unknown>>,
  options: { classifier: IntentClassifier | undefined; storeText: boolean },
): Record<string, unknown> {
  if (!carriesMessageText(type, properties)) return { ...properties };
  const needsSentiment = properties['sentiment'] === undefined && properties['sentiment_score'] === undefined;
  const needsIntent = properties['intent'] === undefined;
  const { text, ...rest } = properties;
  const derivedProperties: Record<string, unknown> = options.storeText ? { ...properties } : rest;
  if (!needsSentiment && !needsIntent) return derivedProperties;

  const analysis = analyzeMessage(text as string, options.classifier);
  const derived: DerivedValue[] = [];
  if (needsSentiment) {
    derived.push('sentiment');
    if (analysis.sentiment === null) Object.assign(derivedProperties, { sentiment: null, sentiment_reason: analysis.reason });
    else Object.assign(derivedProperties, { sentiment: analysis.sentiment.label, sentiment_score: analysis.sentiment.score });
  }
  if (needsIntent) {
    derived.push('intent');
    const { label, confidence, reason } = analysis.intent;
    Object.assign(derivedProperties, { intent: label, intent_confidence: confidence, ...(reason ? { intent_reason: reason } : {}) });
  }
  derivedProperties[DERIVED_MARKER] = derived;
  return derivedProperties;
}
