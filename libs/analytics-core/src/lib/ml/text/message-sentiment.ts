import { checkEnglish } from './language-check';
import { vaderAnalyzer } from './vader-analyzer';

/**
 * Sentiment of one message with VADER (the registry package `vader-sentiment`, a port of Hutto & Gilbert's
 * lexicon and rules: negation, intensifiers, capitals and exclamation marks). The score is VADER's
 * compound score in [−1, 1]; the label uses VADER's usual cut-offs: ≥ 0.05 positive, ≤ −0.05 negative,
 * neutral between. A message VADER cannot read honestly (empty, over the size limit, not English) gets no
 * sentiment and a reason, never an exception: a batch goes on with its other messages.
 */
export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface MessageSentiment {
  label: SentimentLabel;
  score: number;
  pos: number;
  neu: number;
  neg: number;
}

export type SentimentUnavailableReason = 'empty_text' | 'text_too_long' | 'unsupported_language';

export type SentimentResult = { sentiment: MessageSentiment } | { sentiment: null; reason: SentimentUnavailableReason; detail: string };

/** The ingestion limit for one event (32 KB of JSON): a longer message could never have arrived as an event. */
export const MAX_ANALYZED_TEXT_BYTES = 32 * 1024;

export const SENTIMENT_THRESHOLD = 0.05;

const encoder = new TextEncoder();

/** Why a text cannot be analysed (empty, too long, not English), or undefined when it can. */
export function textUnavailableReason(text: string, maxBytes = MAX_ANALYZED_TEXT_BYTES): { reason: SentimentUnavailableReason; detail: string } | undefined {
  if (text.trim() === '') return { reason: 'empty_text', detail: 'the text is empty' };
  // UTF-8 bytes, not characters: the limit is the event size limit. Only long texts are encoded.
  if (text.length * 3 > maxBytes) {
    const bytes = encoder.encode(text).length;
    if (bytes > maxBytes) return { reason: 'text_too_long', detail: `the text is ${bytes} bytes of UTF-8; at most ${maxBytes} are analysed` };
  }
  const language = checkEnglish(text);
  if (!language.english) return { reason: 'unsupported_language', detail: `only English is supported: ${language.detail}` };
  return undefined;
}

export function messageSentiment(text: string, options: { maxBytes?: number } = {}): SentimentResult {
  const unavailable = textUnavailableReason(text, options.maxBytes);
  if (unavailable) return { sentiment: null, ...unavailable };
  const { neg, neu, pos, compound } = vaderAnalyzer.polarity_scores(text);
  const label: SentimentLabel = compound >= SENTIMENT_THRESHOLD ? 'positive' : compound <= -SENTIMENT_THRESHOLD ? 'negative' : 'neutral';
  return { sentiment: { label, score: compound, pos, neu, neg } };
}
