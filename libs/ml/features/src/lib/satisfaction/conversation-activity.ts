/** What the database aggregates per conversation (the SQL lives with the insights service). */
export interface ConversationActivity {
  conversation: string;
  /** Seconds from the conversation's first event to its last. */
  durationSeconds: number;
  /** `message_sent`: the customer's turns. */
  customerMessages: number;
  /** `message_received`: the replies the customer got. */
  replies: number;
  /** Mean `response_time_ms` of the replies that carry one; null when none does. */
  meanResponseMs: number | null;
  /** A `conversation_escalated` event happened. */
  escalated: boolean;
  /** The conversation was resolved by a person (`resolved_by: human`) rather than by the assistant. */
  resolvedByHuman: boolean;
  /** The `intent` of each event carrying one (given or derived by the stream processor), in time order. */
  intents: readonly string[];
  /** `sentiment_score` (−1 … 1) of the customer's messages in time order; null for a message without one. */
  customerSentiments: readonly (number | null)[];
}
