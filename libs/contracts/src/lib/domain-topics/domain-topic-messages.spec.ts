import {
  encodeEnvelope,
  RawEventEnvelope,
} from '../envelope/raw-event-envelope';
import { TOPICS } from '../topics';
import { decodeTopicMessage } from './domain-topic-messages';

const receivedAt = '2025-03-01T12:00:01.000Z';

const replyReceived = {
  event_id: 'ce-1',
  tenant_id: 'tenant-1',
  event_type: 'conversation.message.received',
  timestamp: '2025-03-01T12:00:00Z',
  source_service: 'chat-service',
  version: '1.0',
  conversation_id: 'conv-1',
  user_id: 'user-1',
  channel: 'web_chat',
  event_data: { response_time_ms: 850, intent: 'order_status' },
};

const metric = {
  event_id: 'sm-1',
  tenant_id: 'tenant-1',
  timestamp: '2025-03-01T12:00:00Z',
  source_service: 'api-gateway',
  metric_name: 'http_requests_total',
  metric_value: 1042,
  metric_type: 'counter',
  tags: { route: '/v1/events' },
};

const usage = {
  event_id: 'mu-1',
  tenant_id: 'tenant-1',
  timestamp: '2025-03-01T12:00:00Z',
  model_provider: 'anthropic',
  model_name: 'claude-haiku',
  operation: 'chat_completion',
  tokens_used: 1500,
  cost_cents: 0.4,
  latency_ms: 700,
  success: true,
};

function decode(topic: string, message: unknown) {
  return decodeTopicMessage(topic, JSON.stringify(message), { receivedAt });
}

function errorsOf(topic: string, message: unknown) {
  const result = decode(topic, message);
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.errors;
}

describe('decodeTopicMessage on conversation.events.v1', () => {
  it('turns a spec-shaped conversation event into a kafka-sourced envelope', () => {
    expect(decode(TOPICS.conversationEvents, replyReceived)).toEqual({
      ok: true,
      envelope: {
        schemaVersion: 1,
        tenantId: 'tenant-1',
        receivedAt,
        source: 'kafka',
        event: {
          eventId: 'ce-1',
          type: 'message_received',
          category: 'conversation',
          timestamp: '2025-03-01T12:00:00Z',
          userId: 'user-1',
          properties: {
            response_time_ms: 850,
            intent: 'order_status',
            conversation_id: 'conv-1',
            channel: 'web_chat',
          },
          context: { library: { name: 'chat-service' } },
        },
      },
    });
  });

  it('accepts the pipeline spec short name "resolved" as conversation_resolved', () => {
    const result = decode(TOPICS.conversationEvents, {
      ...replyReceived,
      event_type: 'resolved',
      event_data: { resolved_by: 'ai' },
    });
    expect(result.ok && result.envelope.event.type).toBe(
      'conversation_resolved',
    );
  });

  it('reads a timestamp without an offset as UTC, as the spec publishers write naive utcnow()', () => {
    const result = decode(TOPICS.conversationEvents, {
      ...replyReceived,
      timestamp: '2025-03-01T12:00:00.123456',
    });
    expect(result.ok && result.envelope.event.timestamp).toBe(
      '2025-03-01T12:00:00.123456Z',
    );
  });

  it('rejects an event type from another domain on the conversation topic', () => {
    expect(
      errorsOf(TOPICS.conversationEvents, {
        ...replyReceived,
        event_type: 'purchase',
      })[0],
    ).toMatchObject({
      field: 'event_type',
      rule: 'isConversationEventType',
    });
  });

  it('names event_data fields in errors: a string response time is event_data.response_time_ms', () => {
    expect(
      errorsOf(TOPICS.conversationEvents, {
        ...replyReceived,
        event_data: { response_time_ms: '850' },
      }),
    ).toEqual([
      {
        field: 'event_data.response_time_ms',
        rule: 'isInt',
        message:
          'event_data.response_time_ms must be an integer (numbers sent as strings are rejected)',
      },
    ]);
  });

  it('names a missing top-level field as the message does: conversation_id', () => {
    const { conversation_id: _conversationId, ...withoutConversation } =
      replyReceived;
    expect(errorsOf(TOPICS.conversationEvents, withoutConversation)).toEqual([
      {
        field: 'conversation_id',
        rule: 'isDefined',
        message: 'conversation_id is required',
      },
    ]);
  });

  it('requires a user on conversation events, naming user_id and anonymous_id', () => {
    const { user_id: _userId, ...withoutUser } = replyReceived;
    expect(errorsOf(TOPICS.conversationEvents, withoutUser)).toEqual([
      {
        field: 'user_id',
        rule: 'atLeastOneOf',
        message:
          'user_id or anonymous_id is required: send at least one of them',
      },
    ]);
  });

  it('rejects a message without a tenant', () => {
    const { tenant_id: _tenantId, ...withoutTenant } = replyReceived;
    expect(errorsOf(TOPICS.conversationEvents, withoutTenant)).toEqual([
      {
        field: 'tenant_id',
        rule: 'isDefined',
        message: 'tenant_id is required',
      },
    ]);
  });

  it('rejects a message schema version other than 1.x', () => {
    expect(
      errorsOf(TOPICS.conversationEvents, {
        ...replyReceived,
        version: '2.0',
      })[0],
    ).toMatchObject({
      field: 'version',
      rule: 'matches',
    });
  });
});

describe('decodeTopicMessage on system.metrics.v1', () => {
  it('turns a metric into a system_metric event without a user', () => {
    const result = decode(TOPICS.systemMetrics, metric);
    expect(result.ok && result.envelope.event).toEqual({
      eventId: 'sm-1',
      type: 'system_metric',
      category: 'system',
      timestamp: '2025-03-01T12:00:00Z',
      properties: {
        metric_name: 'http_requests_total',
        metric_value: 1042,
        metric_type: 'counter',
        tags: { route: '/v1/events' },
      },
      context: { library: { name: 'api-gateway' } },
    });
  });

  it('rejects a metric value sent as a string, naming metric_value', () => {
    expect(
      errorsOf(TOPICS.systemMetrics, { ...metric, metric_value: '1042' }),
    ).toEqual([
      {
        field: 'metric_value',
        rule: 'isNumber',
        message:
          'metric_value must be a number (numbers sent as strings are rejected)',
      },
    ]);
  });
});

describe('decodeTopicMessage on model.usage.v1', () => {
  it('turns a model call into a model_usage event', () => {
    const result = decode(TOPICS.modelUsage, usage);
    expect(result.ok && result.envelope.event).toEqual({
      eventId: 'mu-1',
      type: 'model_usage',
      category: 'model_usage',
      timestamp: '2025-03-01T12:00:00Z',
      properties: {
        model_provider: 'anthropic',
        model_name: 'claude-haiku',
        operation: 'chat_completion',
        tokens_used: 1500,
        cost_cents: 0.4,
        latency_ms: 700,
        success: true,
      },
    });
  });

  it('rejects success sent as a string, naming success', () => {
    expect(
      errorsOf(TOPICS.modelUsage, { ...usage, success: 'true' })[0],
    ).toMatchObject({ field: 'success', rule: 'isBoolean' });
  });
});

describe('decodeTopicMessage on the raw topic and elsewhere', () => {
  it('decodes the raw topic as envelopes', () => {
    const envelope: RawEventEnvelope = {
      schemaVersion: 1,
      tenantId: 'tenant-1',
      receivedAt: '2025-03-01T11:59:59.000Z',
      source: 'http',
      event: {
        eventId: 'e',
        type: 'newsletter_signup',
        category: 'custom',
        timestamp: '2025-03-01T11:59:58Z',
        anonymousId: 'a',
        properties: {},
      },
    };
    expect(
      decodeTopicMessage(TOPICS.rawEvents, encodeEnvelope(envelope), {
        receivedAt,
      }),
    ).toEqual({ ok: true, envelope });
  });

  it('refuses a topic that is not an inbound event topic', () => {
    const result = decodeTopicMessage(TOPICS.deadLetter, '{}', { receivedAt });
    expect(!result.ok && result.reason).toBe(
      'topic pulse.events.dlq.v1 is not an inbound event topic',
    );
  });

  it('reports invalid JSON on a domain topic as a reason', () => {
    const result = decodeTopicMessage(TOPICS.systemMetrics, 'not json', {
      receivedAt,
    });
    expect(result).toMatchObject({ ok: false, errors: [{ rule: 'isJson' }] });
  });
});
