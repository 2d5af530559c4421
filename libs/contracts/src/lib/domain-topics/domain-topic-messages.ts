import { IsOptional, Matches } from 'class-validator';
import {
  EVENT_TYPES,
  eventTypeDefinition,
  KnownEventType,
} from '../events/event-types';
import { MetricType } from '../events/domains/system-events';
import {
  presentOnly,
  validatePlainObject,
  validatePulseEvent,
} from '../events/validate-pulse-event';
import {
  decodeEnvelope,
  DecodeResult,
  failure,
  parseJson,
} from '../envelope/raw-event-envelope';
import { TOPICS } from '../topics';
import type { SchemaPolicy } from '../validation/schema-policy';
import {
  IsIdentifier,
  IsPlainObject,
  IsRequired,
  IsText,
  registerRule,
} from '../validation/property-rules';
import {
  isIsoTimestampWithOffset,
  isIsoTimestampWithoutOffset,
} from '../validation/timestamps';
import {
  renameIssueFields,
  ValidationIssue,
} from '../validation/validation-issues';

/**
 * What other services publish to the domain topics: one event per message, JSON, snake_case,
 * shaped like the analytics-engine spec's `BaseEvent` and its subclasses, so services written to
 * that spec publish unchanged. The processor turns each into a `RawEventEnvelope` with source
 * `kafka`; Pulse's own producers use the raw topic and the envelope instead.
 */
export interface DomainTopicMessageBase {
  /** De-duplication key, like an envelope's eventId. */
  event_id: string;
  tenant_id: string;
  /** ISO-8601; without an offset it is read as UTC (the spec's publishers use naive utcnow()). */
  timestamp: string;
  /** The topic fixes the type on system.metrics.v1 and model.usage.v1; there this is ignored. */
  event_type?: string;
  /** The publishing service; becomes `context.library.name`. */
  source_service?: string;
  /** Message schema version: 1 or 1.x. */
  version?: string;
  user_id?: string;
  anonymous_id?: string;
  session_id?: string;
  metadata?: Record<string, unknown>;
}

/** `conversation.events.v1`: any conversation event type, its properties in `event_data`. */
export interface ConversationTopicMessage extends DomainTopicMessageBase {
  event_type: string;
  conversation_id: string;
  channel?: string;
  event_data?: Record<string, unknown>;
}

/** `system.metrics.v1`: a `system_metric` event. */
export interface SystemMetricTopicMessage extends DomainTopicMessageBase {
  metric_name: string;
  metric_value: number;
  metric_type: MetricType;
  tags?: Record<string, string>;
  unit?: string;
}

/** `model.usage.v1`: a `model_usage` event. */
export interface ModelUsageTopicMessage extends DomainTopicMessageBase {
  model_provider: string;
  model_name: string;
  operation: string;
  input_tokens?: number;
  output_tokens?: number;
  tokens_used: number;
  cost_cents: number;
  latency_ms: number;
  success: boolean;
  error_code?: string;
  conversation_id?: string;
}

/**
 * Conversation event names the specs use besides Pulse's own: the analytics engine's dotted
 * names and the short names of the conversation pipeline's `event_type` column.
 */
export const CONVERSATION_EVENT_TYPE_ALIASES: ReadonlyMap<
  string,
  KnownEventType
> = new Map([
  ['conversation.started', 'conversation_started'],
  ['conversation.message.sent', 'message_sent'],
  ['conversation.message.received', 'message_received'],
  ['conversation.completed', 'conversation_resolved'],
  ['conversation.escalated', 'conversation_escalated'],
  ['conversation.abandoned', 'conversation_abandoned'],
  ['started', 'conversation_started'],
  ['resolved', 'conversation_resolved'],
  ['escalated', 'conversation_escalated'],
  ['abandoned', 'conversation_abandoned'],
]);

/** Fields that make up the canonical event itself; every other field becomes a property. */
const ENVELOPE_FIELDS = [
  'event_id',
  'tenant_id',
  'timestamp',
  'event_type',
  'source_service',
  'version',
  'user_id',
  'anonymous_id',
  'session_id',
];

const IsTopicTimestamp = (): PropertyDecorator =>
  registerRule(
    'isTimestamp',
    '$property must be an ISO-8601 date-time, such as 2025-03-01T12:00:00Z',
    (value) =>
      isIsoTimestampWithOffset(value) || isIsoTimestampWithoutOffset(value),
  );

class DomainTopicMessageDto {
  @IsRequired() @IsIdentifier() readonly event_id!: string;
  @IsRequired() @IsIdentifier() readonly tenant_id!: string;
  @IsRequired() @IsTopicTimestamp() readonly timestamp!: string;
  @IsOptional() @IsText(128) readonly event_type?: string;
  @IsOptional() @IsText(128) readonly source_service?: string;
  @IsOptional()
  @Matches(/^1(\.\d+)*$/, {
    message: '$property must be 1 or 1.x (this decoder reads version 1 only)',
  })
  readonly version?: string;
  @IsOptional() @IsPlainObject() readonly event_data?: Record<string, unknown>;
}

const SINGLE_TYPE_TOPICS: ReadonlyMap<string, KnownEventType> = new Map([
  [TOPICS.systemMetrics, 'system_metric'],
  [TOPICS.modelUsage, 'model_usage'],
]);

export interface DecodeTopicMessageOptions {
  /** When the message reached Kafka (its timestamp): the envelope's receivedAt for domain topics. */
  receivedAt: string;
  /** `lenient` stores property problems as violations instead of refusing the message (default strict). */
  policy?: SchemaPolicy;
}

/**
 * Turns a message from any inbound topic into a validated envelope, or a readable reason for the
 * dead-letter topic. Never throws. Errors on domain topics name the message's own fields.
 */
export function decodeTopicMessage(
  topic: string,
  message: string | Uint8Array,
  options: DecodeTopicMessageOptions,
): DecodeResult {
  if (topic === TOPICS.rawEvents)
    return decodeEnvelope(message, options.policy);
  if (topic !== TOPICS.conversationEvents && !SINGLE_TYPE_TOPICS.has(topic)) {
    return failure([
      {
        field: '',
        rule: 'isInboundTopic',
        message: `topic ${topic} is not an inbound event topic`,
      },
    ]);
  }
  const parsed = parseJson(message);
  if (!parsed.ok) return parsed;
  const issues = validatePlainObject(
    DomainTopicMessageDto,
    parsed.value,
    'the message',
  );
  if (issues.length > 0) return failure(issues);
  const fields = parsed.value as Record<string, unknown>;

  const type =
    topic === TOPICS.conversationEvents
      ? conversationTypeOf(fields['event_type'])
      : SINGLE_TYPE_TOPICS.get(topic);
  if (type === undefined) {
    const known = Object.keys(EVENT_TYPES).filter(
      (name) => eventTypeDefinition(name)?.domain === 'conversation',
    );
    return failure([
      {
        field: 'event_type',
        rule: 'isConversationEventType',
        message: `event_type must be a conversation event type (${known.join(', ')}) or one of its spec aliases (${[...CONVERSATION_EVENT_TYPE_ALIASES.keys()].join(', ')})`,
      },
    ]);
  }

  const { properties, renames } = propertiesOf(fields);
  const timestamp = fields['timestamp'] as string;
  const validated = validatePulseEvent(
    {
      eventId: fields['event_id'],
      type,
      timestamp: isIsoTimestampWithOffset(timestamp)
        ? timestamp
        : `${timestamp}Z`,
      ...presentOnly({
        userId: fields['user_id'],
        anonymousId: fields['anonymous_id'],
        sessionId: fields['session_id'],
      }),
      properties,
      ...presentOnly({
        context:
          fields['source_service'] == null
            ? undefined
            : { library: { name: fields['source_service'] } },
      }),
    },
    { policy: options.policy ?? 'strict' },
  );
  if (!validated.ok)
    return failure(
      renameIssueFields(validated.errors, renames).map(withoutPropertiesPrefix),
    );
  return {
    ok: true,
    envelope: {
      schemaVersion: 1,
      tenantId: fields['tenant_id'] as string,
      receivedAt: options.receivedAt,
      source: 'kafka',
      event: { ...validated.event, eventId: fields['event_id'] as string },
    },
    ...(validated.violations ? { violations: validated.violations } : {}),
  };
}

function conversationTypeOf(eventType: unknown): KnownEventType | undefined {
  if (typeof eventType !== 'string') return undefined;
  const type = CONVERSATION_EVENT_TYPE_ALIASES.get(eventType) ?? eventType;
  return eventTypeDefinition(type)?.domain === 'conversation'
    ? (type as KnownEventType)
    : undefined;
}

/** The event's properties: every non-envelope field, with `event_data` spread in (its top level wins). */
function propertiesOf(fields: Record<string, unknown>): {
  properties: Record<string, unknown>;
  renames: Array<readonly [string, string]>;
} {
  const { event_data: eventData = {}, ...rest } = fields;
  const topLevel = Object.fromEntries(
    Object.entries(rest).filter(([key]) => !ENVELOPE_FIELDS.includes(key)),
  );
  const properties = { ...(eventData as Record<string, unknown>), ...topLevel };
  const renames: Array<readonly [string, string]> = [
    ['eventId', 'event_id'],
    ['userId', 'user_id'],
    ['anonymousId', 'anonymous_id'],
    ['sessionId', 'session_id'],
    ['context.library.name', 'source_service'],
    ...Object.keys(properties).map(
      (key) =>
        [
          `properties.${key}`,
          key in topLevel ? key : `event_data.${key}`,
        ] as const,
    ),
  ];
  return { properties, renames };
}

/** A required property the message lacks altogether is a top-level field of the message. */
function withoutPropertiesPrefix(issue: ValidationIssue): ValidationIssue {
  if (!issue.field.startsWith('properties.')) return issue;
  return {
    ...issue,
    field: issue.field.slice('properties.'.length),
    message: issue.message.replace(
      issue.field,
      issue.field.slice('properties.'.length),
    ),
  };
}
