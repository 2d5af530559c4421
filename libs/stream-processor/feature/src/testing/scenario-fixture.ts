import { TOPICS } from '@pulse/contracts';
import type { OutgoingMessage } from '@pulse/messaging';

/**
 * The hand-computed scenario both integration suites run. Times are around NOW (the live state's clock):
 * 2025-03-12T15:00:00Z, a Wednesday; 16:00 in Berlin (UTC+1), 11:00 in New York (UTC−4, DST since March 9).
 *
 * Shop tenant (Europe/Berlin, EUR):
 * - alice (desktop Chrome): page_view 13:00Z, product_view 13:10, add_to_cart 13:20, purchase 120.50 at 13:25;
 *   31 minutes later page_view 13:56 and purchase 79.50 at 14:20 → two sessions. Her page_view is also sent
 *   twice in phase 1 (same event id), her product_view again in phase 2: duplicates.
 *   A late page_view from 2025-03-10T10:00Z (two days old) arrives in phase 2: a third session.
 * - anon-v (iPhone Safari) browses anonymously (page_view 14:40, product_view 14:45), then in phase 2
 *   identifies as victor (identify 14:50) and buys for 30.00 (14:56): one session throughout.
 * Support tenant (America/New_York, USD), phase 1:
 * - conversation c1 (web_chat, carl, raw topic): started 13:00, two exchanges (1,500 and 2,500 ms), resolved 13:05.
 * - conversation c2 (whatsapp, dana, conversation.events.v1 with spec aliases): started 14:40, one exchange
 *   (800 ms), escalated 14:50.
 * - one model.usage.v1 call at 14:30 (no user).
 * Poison: a message that is not JSON, and an envelope for an unknown tenant (phase 1).
 */
export const NOW = Date.parse('2025-03-12T15:00:00.000Z');

export const DESKTOP_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
export const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

export const UNKNOWN_TENANT = '00000000-0000-4000-8000-000000000000';

export interface ScenarioTenants {
  shop: string;
  support: string;
}

export interface ScenarioMessages {
  phase1: Array<{ topic: string; message: OutgoingMessage }>;
  phase2: Array<{ topic: string; message: OutgoingMessage }>;
}

interface EventSpec {
  eventId: string;
  type: string;
  category: string;
  timestamp: string;
  userId?: string;
  anonymousId?: string;
  properties: Record<string, unknown>;
  userAgent?: string;
}

function envelope(tenantId: string, spec: EventSpec): { topic: string; message: OutgoingMessage } {
  const { userAgent, ...event } = spec;
  const receivedAt = new Date(Date.parse(spec.timestamp) + 1000).toISOString();
  return {
    topic: TOPICS.rawEvents,
    message: {
      key: `${tenantId}:${spec.userId ?? spec.anonymousId ?? ''}`,
      value: JSON.stringify({
        schemaVersion: 1,
        tenantId,
        receivedAt,
        source: 'http',
        event: { ...event, ...(userAgent ? { context: { userAgent } } : {}) },
      }),
    },
  };
}

function domain(topic: string, tenantId: string, fields: Record<string, unknown>): { topic: string; message: OutgoingMessage } {
  return {
    topic,
    message: { key: `${tenantId}:${String(fields['user_id'] ?? '')}`, value: JSON.stringify({ tenant_id: tenantId, ...fields }) },
  };
}

const alice = (spec: Omit<EventSpec, 'userId' | 'userAgent'>): EventSpec => ({ ...spec, userId: 'alice', userAgent: DESKTOP_CHROME });
const visitor = (spec: Omit<EventSpec, 'userAgent'>): EventSpec => ({ ...spec, userAgent: IPHONE_SAFARI });

export function scenarioMessages({ shop, support }: ScenarioTenants): ScenarioMessages {
  const a1 = alice({ eventId: 'a1', type: 'page_view', category: 'commerce', timestamp: '2025-03-12T13:00:00Z', properties: { path: '/' } });
  const a2 = alice({
    eventId: 'a2',
    type: 'product_view',
    category: 'commerce',
    timestamp: '2025-03-12T13:10:00Z',
    properties: { product_id: 'p-1', category: 'audio', price: 99.5 },
  });
  const phase1 = [
    envelope(shop, a1),
    envelope(shop, a1),
    envelope(shop, a2),
    envelope(shop, alice({ eventId: 'a3', type: 'add_to_cart', category: 'commerce', timestamp: '2025-03-12T13:20:00Z', properties: { product_id: 'p-1', quantity: 1 } })),
    envelope(shop, alice({ eventId: 'a4', type: 'purchase', category: 'commerce', timestamp: '2025-03-12T13:25:00Z', properties: { order_id: 'o-1', revenue: 120.5, currency: 'EUR' } })),
    envelope(shop, alice({ eventId: 'a5', type: 'page_view', category: 'commerce', timestamp: '2025-03-12T13:56:00Z', properties: { path: '/deals' } })),
    envelope(shop, alice({ eventId: 'a6', type: 'purchase', category: 'commerce', timestamp: '2025-03-12T14:20:00Z', properties: { order_id: 'o-2', revenue: 79.5, currency: 'EUR' } })),
    envelope(shop, visitor({ eventId: 'v1', type: 'page_view', category: 'commerce', timestamp: '2025-03-12T14:40:00Z', anonymousId: 'anon-v', properties: { path: '/' } })),
    envelope(shop, visitor({ eventId: 'v2', type: 'product_view', category: 'commerce', timestamp: '2025-03-12T14:45:00Z', anonymousId: 'anon-v', properties: { product_id: 'p-2', category: 'video', price: 30 } })),
    { topic: TOPICS.rawEvents, message: { key: 'poison', value: '{"schemaVersion": 1, "tenantId": ' } },
    envelope(UNKNOWN_TENANT, { eventId: 'x1', type: 'page_view', category: 'commerce', timestamp: '2025-03-12T14:00:00Z', userId: 'nobody', properties: {} }),
    ...conversationC1(support),
    ...conversationC2(support),
    domain(TOPICS.modelUsage, support, {
      event_id: 'm1',
      timestamp: '2025-03-12T14:30:00',
      source_service: 'assistant',
      model_provider: 'openai',
      model_name: 'gpt-4o-mini',
      operation: 'chat_completion',
      tokens_used: 1200,
      cost_cents: 3.5,
      latency_ms: 800,
      success: true,
    }),
  ];
  const phase2 = [
    envelope(shop, visitor({ eventId: 'v3', type: 'identify', category: 'identity', timestamp: '2025-03-12T14:50:00Z', userId: 'victor', anonymousId: 'anon-v', properties: { traits: { plan: 'pro' } } })),
    envelope(shop, visitor({ eventId: 'v4', type: 'purchase', category: 'commerce', timestamp: '2025-03-12T14:56:00Z', userId: 'victor', properties: { order_id: 'o-3', revenue: 30, currency: 'EUR' } })),
    envelope(shop, a2),
    envelope(shop, alice({ eventId: 'late-1', type: 'page_view', category: 'commerce', timestamp: '2025-03-10T10:00:00Z', properties: { path: '/old' } })),
  ];
  return { phase1, phase2 };
}

function conversationC1(support: string) {
  const base = { userId: 'carl', category: 'conversation' };
  const properties = { conversation_id: 'c1', channel: 'web_chat' };
  return [
    envelope(support, { ...base, eventId: 'c1-start', type: 'conversation_started', timestamp: '2025-03-12T13:00:00Z', properties }),
    envelope(support, { ...base, eventId: 'c1-m1', type: 'message_sent', timestamp: '2025-03-12T13:01:00Z', properties }),
    envelope(support, { ...base, eventId: 'c1-r1', type: 'message_received', timestamp: '2025-03-12T13:01:30Z', properties: { ...properties, response_time_ms: 1500 } }),
    envelope(support, { ...base, eventId: 'c1-m2', type: 'message_sent', timestamp: '2025-03-12T13:03:00Z', properties }),
    envelope(support, { ...base, eventId: 'c1-r2', type: 'message_received', timestamp: '2025-03-12T13:03:10Z', properties: { ...properties, response_time_ms: 2500 } }),
    envelope(support, { ...base, eventId: 'c1-end', type: 'conversation_resolved', timestamp: '2025-03-12T13:05:00Z', properties: { ...properties, resolved_by: 'ai' } }),
  ];
}

function conversationC2(support: string) {
  const base = { conversation_id: 'c2', channel: 'whatsapp', user_id: 'dana', source_service: 'chat-gateway', version: '1.0' };
  return [
    domain(TOPICS.conversationEvents, support, { ...base, event_id: 'c2-start', event_type: 'conversation.started', timestamp: '2025-03-12T14:40:00Z' }),
    domain(TOPICS.conversationEvents, support, { ...base, event_id: 'c2-m1', event_type: 'conversation.message.sent', timestamp: '2025-03-12T14:41:00Z' }),
    domain(TOPICS.conversationEvents, support, {
      ...base,
      event_id: 'c2-r1',
      event_type: 'conversation.message.received',
      timestamp: '2025-03-12T14:41:05Z',
      event_data: { response_time_ms: 800, responder: 'ai' },
    }),
    domain(TOPICS.conversationEvents, support, {
      ...base,
      event_id: 'c2-end',
      event_type: 'conversation.escalated',
      timestamp: '2025-03-12T14:50:00Z',
      event_data: { reason: 'asked for a human' },
    }),
  ];
}
