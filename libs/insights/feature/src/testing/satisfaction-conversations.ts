import { seededRandom, sigmoid, timeContext } from '@pulse/analytics-core';
import { ConversationMetricsRepository, EventRepository, type ConversationState, type NewEvent, type Store } from '@pulse/storage';

const MINUTE_MS = 60_000;

/**
 * Conversations whose satisfaction follows known causes: slow replies (20–60 s instead of 1–5 s), an escalation,
 * and the customer's closing sentiment. The score a customer gives is drawn as star ratings, (stars − 1) / 4,
 * around the logistic mean 1.2 − 1.6 × slow − 1.0 × escalated + 1.8 × closing sentiment; 70 % of the conversations
 * are resolved with a score, the rest resolved without one or abandoned. 15 % carry no sentiment at all.
 */
export interface SyntheticConversation {
  id: string;
  customer: string;
  startedAt: Date;
  /** Tenant-local start day. */
  day: string;
  slow: boolean;
  escalated: boolean;
  closingSentiment: number | null;
  score: number | null;
}

export interface SatisfactionFixture {
  conversations: SyntheticConversation[];
  events: NewEvent[];
  /** The rows the stream processor keeps per conversation (start day in the tenant's zone, span of its events). */
  states: ConversationState[];
}

export function satisfactionConversations(options: {
  tenantId: string;
  timeZone: string;
  now: Date;
  count: number;
  seed: number;
  /** Conversations start within this many days before now. */
  days?: number;
  prefix?: string;
}): SatisfactionFixture {
  const random = seededRandom(options.seed);
  const prefix = options.prefix ?? 'c';
  const span = (options.days ?? 30) * 1440 * MINUTE_MS;
  const fixture: SatisfactionFixture = { conversations: [], events: [], states: [] };
  for (let i = 0; i < options.count; i++) {
    const id = `${prefix}${String(i).padStart(5, '0')}`;
    const customer = `${prefix}-customer-${i % 97}`;
    const startedAt = new Date(options.now.getTime() - 2 * 60 * MINUTE_MS - Math.floor(random() * span));
    const slow = random() < 0.4;
    const escalated = random() < 0.25;
    const hasSentiment = random() >= 0.15;
    const opening = Math.round((random() * 1.2 - 0.6) * 1000) / 1000;
    const closing = Math.round((random() * 2 - 1) * 1000) / 1000;
    const switches = random() < 0.3;
    const turns = 2 + Math.floor(random() * 4);
    const stars = Math.min(5, Math.max(1, Math.round(1 + 4 * sigmoid(1.2 - 1.6 * (slow ? 1 : 0) - (escalated ? 1 : 0) + 1.8 * closing) + (random() - 0.5))));
    const ending = random();
    const outcome = ending < 0.7 ? 'scored' : ending < 0.85 ? 'resolved' : 'abandoned';
    let at = startedAt.getTime();
    let n = 0;
    let escalation: NewEvent | undefined;
    const emit = (type: string, properties: Record<string, unknown>) => {
      const event: NewEvent = {
        tenantId: options.tenantId,
        eventId: `${id}:${++n}`,
        type,
        category: 'conversation',
        occurredAt: new Date(at),
        receivedAt: new Date(at),
        userId: customer,
        properties: { conversation_id: id, channel: 'web_chat', ...properties },
      };
      fixture.events.push(event);
      return event;
    };
    emit('conversation_started', { intent: 'billing' });
    for (let turn = 0; turn < turns; turn++) {
      at += MINUTE_MS;
      const sentiment = opening + ((closing - opening) * turn) / (turns - 1);
      const intent = switches && turn >= turns / 2 ? 'refund' : 'billing';
      emit('message_sent', { intent, ...(hasSentiment ? { sentiment_score: Math.round(sentiment * 1000) / 1000 } : {}) });
      const responseMs = slow ? 20_000 + Math.floor(random() * 40_000) : 1_000 + Math.floor(random() * 4_000);
      at += responseMs;
      emit('message_received', { intent, response_time_ms: responseMs, responder: escalated && turn === turns - 1 ? 'human' : 'ai' });
      if (escalated && turn === Math.floor(turns / 2)) escalation = emit('conversation_escalated', { reason: 'asked for a person' });
    }
    at += MINUTE_MS;
    const last =
      outcome === 'abandoned'
        ? emit('conversation_abandoned', { message_count: 2 * turns })
        : emit('conversation_resolved', {
            resolved_by: escalated ? 'human' : 'ai',
            message_count: 2 * turns,
            ...(outcome === 'scored' ? { satisfaction_score: (stars - 1) / 4 } : {}),
          });
    const day = timeContext(startedAt, options.timeZone).localDate;
    fixture.conversations.push({
      id,
      customer,
      startedAt,
      day,
      slow,
      escalated,
      closingSentiment: hasSentiment ? closing : null,
      score: outcome === 'scored' ? (stars - 1) / 4 : null,
    });
    // As the processor's state machine: the earliest terminal event (an escalation before the resolution) is the outcome.
    const terminal = escalation ?? last;
    fixture.states.push({
      tenantId: options.tenantId,
      conversationId: id,
      status: escalation ? 'escalated' : outcome === 'abandoned' ? 'abandoned' : 'resolved',
      startedAt,
      startDate: day,
      lastEventAt: last.occurredAt,
      outcomeAt: terminal.occurredAt,
      outcomeDate: timeContext(terminal.occurredAt, options.timeZone).localDate,
      outcomeEventId: terminal.eventId,
      userKey: customer,
      channel: 'web_chat',
      messageCount: 2 * turns,
    });
  }
  return fixture;
}

/** Stores the events and the conversation states, as the stream processor would have. */
export async function storeSatisfactionFixture(store: Store, fixture: SatisfactionFixture): Promise<void> {
  await new EventRepository(store.dataSource).insertMany(fixture.events);
  await new ConversationMetricsRepository(store.dataSource).saveStates(fixture.states);
}
