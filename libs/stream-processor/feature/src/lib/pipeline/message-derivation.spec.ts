import { intentClassifier, syntheticIntentMessages, trainIntentClassifier } from '@pulse/analytics-core';
import { deriveMessageProperties } from './message-derivation';

const CLASSIFIER = intentClassifier(trainIntentClassifier(syntheticIntentMessages({ seed: 4, perIntent: 30 })));
const WITH_MODEL = { classifier: CLASSIFIER, storeText: false };

// VADER by hand: "not good" → good 1.9 × −0.74 = −1.406; compound −1.406 / √(1.976836 + 15) = −0.3412.
describe('deriveMessageProperties', () => {
  it('derives sentiment (label and score) and intent, marks both as derived and drops the text', () => {
    const properties = deriveMessageProperties('message_sent', { conversation_id: 'c1', text: 'Where is my order #10293? not good' }, WITH_MODEL);
    expect(properties).toEqual({
      conversation_id: 'c1',
      sentiment: 'negative',
      sentiment_score: expect.any(Number),
      intent: 'order_status',
      intent_confidence: expect.any(Number),
      derived: ['sentiment', 'intent'],
    });
    expect(deriveMessageProperties('message_received', { text: 'not good', intent: 'x' }, WITH_MODEL)['sentiment_score']).toBeCloseTo(-0.3412, 4);
  });

  it('keeps the text when the tenant opted in', () => {
    const properties = deriveMessageProperties('message_sent', { conversation_id: 'c1', text: 'good' }, { classifier: undefined, storeText: true });
    expect(properties).toMatchObject({ text: 'good', sentiment: 'positive', derived: ['sentiment', 'intent'] });
  });

  it('never replaces a sentiment or intent the sender gave, and derives only what is missing', () => {
    const given = deriveMessageProperties('message_sent', { text: 'not good', sentiment_score: 0.9, intent: 'billing_question' }, WITH_MODEL);
    expect(given).toEqual({ sentiment_score: 0.9, intent: 'billing_question' });
    const label = deriveMessageProperties('message_sent', { text: 'not good', sentiment: 'positive' }, WITH_MODEL);
    expect(label).toMatchObject({ sentiment: 'positive', derived: ['intent'] });
    expect(label['sentiment_score']).toBeUndefined();
    const intent = deriveMessageProperties('message_sent', { text: 'not good', intent: 'billing_question', intent_confidence: 1 }, WITH_MODEL);
    expect(intent).toMatchObject({ intent: 'billing_question', intent_confidence: 1, sentiment: 'negative', derived: ['sentiment'] });
  });

  it('answers intent unknown with the reason when the tenant has no model', () => {
    const properties = deriveMessageProperties('message_sent', { text: 'where is my order' }, { classifier: undefined, storeText: false });
    expect(properties).toMatchObject({ intent: 'unknown', intent_confidence: 0, intent_reason: 'no_intent_model' });
  });

  it('stores sentiment null with the reason for a text it cannot read, never failing', () => {
    const german = deriveMessageProperties('message_sent', { text: 'Wo ist meine Bestellung' }, WITH_MODEL);
    expect(german).toEqual({
      sentiment: null,
      sentiment_reason: 'unsupported_language',
      intent: 'unknown',
      intent_confidence: 0,
      intent_reason: 'unsupported_language',
      derived: ['sentiment', 'intent'],
    });
    const long = deriveMessageProperties('message_sent', { text: 'ok '.repeat(11_000) }, WITH_MODEL);
    expect(long).toMatchObject({ sentiment: null, sentiment_reason: 'text_too_long', intent: 'unknown' });
    expect(long['text']).toBeUndefined();
  });

  it('leaves other events and message events without a text alone', () => {
    expect(deriveMessageProperties('purchase', { text: 'not good', revenue: 5 }, WITH_MODEL)).toEqual({ text: 'not good', revenue: 5 });
    expect(deriveMessageProperties('message_sent', { text: 42 }, WITH_MODEL)).toEqual({ text: 42 });
    expect(deriveMessageProperties('message_sent', { conversation_id: 'c1' }, WITH_MODEL)).toEqual({ conversation_id: 'c1' });
  });
});
