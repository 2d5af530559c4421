/**
 * Kafka topic names: versioned so a breaking schema change is a new topic, never a silent one.
 * Other services may publish to the domain topics directly; the processor treats them like HTTP events.
 */
export const TOPICS = {
  rawEvents: 'pulse.events.raw.v1',
  deadLetter: 'pulse.events.dlq.v1',
  conversationEvents: 'conversation.events.v1',
  systemMetrics: 'system.metrics.v1',
  modelUsage: 'model.usage.v1',
  anomalies: 'pulse.anomalies.v1',
  aggregates: 'pulse.aggregates.v1',
  /** A tenant's live state changed (one small notice per stored batch per tenant): the dashboards service pushes it to browsers. */
  liveState: 'pulse.live.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Topics the stream processor consumes: the raw topic plus the domain topics other services publish to. */
export const INBOUND_EVENT_TOPICS: readonly TopicName[] = [
  TOPICS.rawEvents,
  TOPICS.conversationEvents,
  TOPICS.systemMetrics,
  TOPICS.modelUsage,
];
