import { seededRandom } from '@pulse/analytics-core';
import type { EventCategory, EventContext, RawEventEnvelope } from '@pulse/contracts';

// Re-exported: the demo data's tests draw from the same source.
export { seededRandom } from '@pulse/analytics-core';

export interface DemoEvent {
  eventId: string;
  type: string;
  category: string;
  occurredAt: Date;
  userId: string;
  anonymousId: string;
  sessionId: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

const PRODUCTS = [
  { product_id: 'sku-101', name: 'Trail Running Shoes', category: 'footwear', price: 129.9 },
  { product_id: 'sku-102', name: 'Rain Jacket', category: 'outerwear', price: 189.0 },
  { product_id: 'sku-103', name: 'Merino Socks', category: 'accessories', price: 19.5 },
  { product_id: 'sku-104', name: 'Daypack 22L', category: 'bags', price: 79.0 },
];
const CHANNELS = ['web', 'mobile', 'whatsapp'];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
];

/**
 * A shop with an AI assistant: visitors browse, some add to cart and buy (a funnel with real drop-off),
 * some chat with the assistant (conversations that resolve, escalate or are abandoned), each chat costs
 * model tokens. `days` days ending at `now`, `users` visitors.
 */
export function generateDemoEvents(options: { now: Date; days: number; users: number; seed?: number }): DemoEvent[] {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const events: DemoEvent[] = [];
  const start = options.now.getTime() - options.days * 86_400_000;
  let sequence = 0;

  for (let user = 1; user <= options.users; user++) {
    const userId = `demo-user-${user}`;
    const anonymousId = `demo-anon-${user}`;
    const userAgent = pick(USER_AGENTS);
    const sessions = 1 + Math.floor(random() * 3);
    for (let session = 0; session < sessions; session++) {
      const sessionId = `${userId}-s${session}`;
      let at = start + random() * (options.days * 86_400_000 - 3_600_000);
      const push = (type: string, category: string, properties: Record<string, unknown>) => {
        at += 5_000 + random() * 90_000;
        events.push({
          eventId: `demo-${++sequence}`,
          type,
          category,
          occurredAt: new Date(Math.round(at)),
          userId,
          anonymousId,
          sessionId,
          properties,
          context: { userAgent, page: { path: type === 'page_view' ? '/' : '/shop' } },
        });
      };
      const product = pick(PRODUCTS);
      push('page_view', 'commerce', { path: '/', title: 'Home' });
      push('product_view', 'commerce', { product_id: product.product_id, category: product.category, price: product.price });
      if (random() < 0.45) {
        push('add_to_cart', 'commerce', { product_id: product.product_id, price: product.price, quantity: 1 });
        if (random() < 0.6) {
          push('checkout_start', 'commerce', { value: product.price });
          if (random() < 0.7) {
            push('purchase', 'commerce', {
              order_id: `order-${sequence}`,
              revenue: product.price,
              currency: 'EUR',
              items: [{ ...product, quantity: 1 }],
            });
          }
        }
      }
      if (random() < 0.3) pushConversation(push, random, pick, `conv-${userId}-${session}`);
    }
  }
  return events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

function pushConversation(
  push: (type: string, category: string, properties: Record<string, unknown>) => void,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
  conversationId: string,
): void {
  const channel = pick(CHANNELS);
  push('conversation_started', 'conversation', { conversation_id: conversationId, channel, intent: pick(['order_status', 'returns', 'sizing']) });
  const turns = 1 + Math.floor(random() * 4);
  for (let turn = 0; turn < turns; turn++) {
    push('message_sent', 'conversation', { conversation_id: conversationId, channel });
    const latencyMs = Math.round(400 + random() * 2600);
    push('message_received', 'conversation', { conversation_id: conversationId, channel, response_time_ms: latencyMs });
    const inputTokens = 200 + Math.floor(random() * 800);
    const outputTokens = 50 + Math.floor(random() * 300);
    push('model_usage', 'model_usage', {
      model_provider: 'openai',
      model_name: 'gpt-4o-mini',
      operation: 'chat',
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      tokens_used: inputTokens + outputTokens,
      // gpt-4o-mini list prices: $0.15 / 1M input tokens, $0.60 / 1M output tokens.
      cost_cents: Number(((inputTokens * 0.15 + outputTokens * 0.6) / 10_000).toFixed(6)),
      latency_ms: latencyMs,
      success: true,
      conversation_id: conversationId,
    });
  }
  const outcome = random();
  if (outcome < 0.7) push('conversation_resolved', 'conversation', { conversation_id: conversationId, channel });
  else if (outcome < 0.85) push('conversation_escalated', 'conversation', { conversation_id: conversationId, channel, reason: 'customer_request' });
  else push('conversation_abandoned', 'conversation', { conversation_id: conversationId, channel });
}

/** The demo event as it travels on the raw topic, exactly like an event that came in over HTTP. */
export function toDemoEnvelope(event: DemoEvent, tenantId: string, receivedAt: Date): RawEventEnvelope {
  return {
    schemaVersion: 1,
    tenantId,
    receivedAt: receivedAt.toISOString(),
    source: 'http',
    event: {
      eventId: event.eventId,
      type: event.type,
      category: event.category as EventCategory,
      timestamp: event.occurredAt.toISOString(),
      userId: event.userId,
      anonymousId: event.anonymousId,
      sessionId: event.sessionId,
      properties: event.properties,
      context: event.context as EventContext,
    },
  };
}
