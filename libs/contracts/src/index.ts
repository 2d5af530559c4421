// Topics
export * from './lib/topics';

// The canonical event and its validation
export { EVENT_CATEGORIES, MACHINE_CATEGORIES } from './lib/events/pulse-event';
export type {
  EventCategory,
  EventContext,
  PulseEvent,
} from './lib/events/pulse-event';
export {
  CampaignContextDto,
  DeviceContextDto,
  EventContextDto,
  LibraryContextDto,
  PageContextDto,
  PulseEventDto,
} from './lib/events/pulse-event.dto';
export { validatePulseEvent } from './lib/events/validate-pulse-event';
export type {
  EventValidationOptions,
  PulseEventValidationResult,
} from './lib/events/validate-pulse-event';
export {
  applySchemaPolicy,
  DEFAULT_SCHEMA_POLICY,
  isPropertyViolation,
  SCHEMA_POLICIES,
} from './lib/validation/schema-policy';
export type { SchemaPolicy } from './lib/validation/schema-policy';
export {
  applyPropertyMappings,
  declaredPropertyNames,
  PROPERTY_MAPPING_MODES,
} from './lib/events/property-mappings';
export type { PropertyMapping } from './lib/events/property-mappings';
export { setViolatingValuesAside } from './lib/events/property-violations';
export type { EventWithViolationsSetAside } from './lib/events/property-violations';
export type { ValidationIssue } from './lib/validation/validation-issues';
export {
  isValidationIssue,
  summarizeIssues,
} from './lib/validation/validation-issues';
export { isRecord } from './lib/json-record';
export {
  correctClockSkew,
  isIsoTimestampWithOffset,
} from './lib/validation/timestamps';
export {
  fieldNameOf,
  fieldNestedTooDeep,
  MAX_EVENT_NESTING,
} from './lib/validation/nesting';

// Registry of event types and their property schemas
export {
  categoryOf,
  EVENT_TYPES,
  eventTypeDefinition,
  eventTypeLabel,
  isEventOfType,
  isKnownEventType,
} from './lib/events/event-types';
export type {
  EventProperties,
  EventTypeDefinition,
  KnownEventDomain,
  KnownEventType,
} from './lib/events/event-types';
export * from './lib/events/domains/commerce-events';
export * from './lib/events/domains/content-events';
export * from './lib/events/domains/conversation-events';
export * from './lib/events/domains/model-usage-events';
export * from './lib/events/domains/system-events';
export * from './lib/events/domains/import-events';
export * from './lib/events/domains/identity-events';
export * from './lib/events/domains/custom-events';
export { identityLinkOf } from './lib/events/identity-links';
export type { IdentityLink } from './lib/events/identity-links';

// The raw-topic envelope
export {
  decodeEnvelope,
  encodeEnvelope,
  EVENT_SOURCES,
  validateEnvelope,
} from './lib/envelope/raw-event-envelope';
export type {
  DecodeResult,
  EventSource,
  IdentifiedPulseEvent,
  RawEventEnvelope,
} from './lib/envelope/raw-event-envelope';

// Segment and PostHog compatibility
export type {
  CompatMappingOptions,
  CompatMappingResult,
} from './lib/compat/compat-mapping-result';
export {
  mapSegmentMessage,
  SEGMENT_EVENT_ALIASES,
  SEGMENT_MESSAGE_TYPES,
} from './lib/compat/segment-compat';
export type {
  SegmentMessage,
  SegmentMessageType,
} from './lib/compat/segment-compat';
export {
  mapPostHogCapture,
  postHogApiKeyOf,
} from './lib/compat/posthog-compat';
export type { PostHogCapturePayload } from './lib/compat/posthog-compat';

// Domain topics other services publish to
export {
  CONVERSATION_EVENT_TYPE_ALIASES,
  decodeTopicMessage,
} from './lib/domain-topics/domain-topic-messages';
export type {
  ConversationTopicMessage,
  DecodeTopicMessageOptions,
  DomainTopicMessageBase,
  ModelUsageTopicMessage,
  SystemMetricTopicMessage,
} from './lib/domain-topics/domain-topic-messages';

// Events refused at the edge, on their way to the tenant's quarantine
export {
  decodeQuarantineRecord,
  encodeQuarantineRecord,
  QUARANTINE_RECORD_HEADER,
} from './lib/quarantine/quarantine-record';
export type { QuarantineRecord } from './lib/quarantine/quarantine-record';

// What the processor and the insights detector publish for other services
export { decodeMinuteAggregate, encodeMinuteAggregate } from './lib/analytics-topics/minute-aggregate';
export { decodeLiveStateNotice, encodeLiveStateNotice } from './lib/analytics-topics/live-state-notice';
export type { LiveStateNotice, LiveStateNoticeDecoding } from './lib/analytics-topics/live-state-notice';
export type { MinuteAggregate, MinuteAggregateDecoding } from './lib/analytics-topics/minute-aggregate';
export {
  ANOMALY_SEVERITIES,
  ANOMALY_SIGNAL_KINDS,
  anomalySignalKey,
  decodeAnomalySignal,
  encodeAnomalySignal,
} from './lib/analytics-topics/anomaly-signal';
export type {
  AnomalySeverity,
  AnomalySignal,
  AnomalySignalCondition,
  AnomalySignalDecoding,
  AnomalySignalKind,
} from './lib/analytics-topics/anomaly-signal';
