import { timeContext } from '@pulse/analytics-core';
import {
  ConversationMetricsRepository,
  EventRepository,
  type ConversationDailyDelta,
  type ConversationState,
  type NewEvent,
  type Store,
} from '@pulse/storage';

/** A conversation as the fixtures describe it: its events are generated in order. */
export interface ConversationFixture {
  id: string;
  customer: string;
  channel?: string;
  /** Carried by conversation_started and the messages. */
  intent?: string;
  startedAt: string;
  /** A message with `responseTimeMs` is the reply the customer received; without, one the customer sent. */
  messages?: ReadonlyArray<{ at: string; responseTimeMs?: number }>;
  outcome?: { status: 'resolved' | 'escalated' | 'abandoned'; at: string; resolvedBy?: 'ai' | 'human' };
  /** When the events reached Pulse; defaults to when they happened. A later instant makes them late events. */
  receivedAt?: string;
}

/**
 * Stores conversations as the stream processor would for in-order events: the raw events, each
 * conversation's state, and the daily counters on the tenant-local day of the event that causes each
 * count (the processor's own state machine is tested in the stream-processor library).
 */
export async function storeConversations(
  store: Store,
  tenant: { id: string; timeZone: string },
  conversations: readonly ConversationFixture[],
): Promise<void> {
  const events: NewEvent[] = [];
  const states: ConversationState[] = [];
  const deltas = new Map<string, ConversationDailyDelta & { customers: string[] }>();
  const dayOf = (at: string) => timeContext(new Date(at), tenant.timeZone).localDate;
  const deltaOn = (at: string, customer: string) => {
    const day = dayOf(at);
    let delta = deltas.get(day);
    if (!delta) {
      delta = {
        tenantId: tenant.id,
        day,
        totalConversations: 0,
        resolvedConversations: 0,
        escalatedConversations: 0,
        abandonedConversations: 0,
        responseTimeSumMs: 0,
        responseTimeCount: 0,
        totalMessages: 0,
        customers: [],
      };
      deltas.set(day, delta);
    }
    if (!delta.customers.includes(customer)) delta.customers.push(customer);
    return delta;
  };

  for (const conversation of conversations) {
    const base = { conversation_id: conversation.id, ...(conversation.channel ? { channel: conversation.channel } : {}) };
    const withIntent = { ...base, ...(conversation.intent ? { intent: conversation.intent } : {}) };
    const event = (suffix: string, type: string, at: string, properties: Record<string, unknown>): NewEvent => ({
      tenantId: tenant.id,
      eventId: `${conversation.id}:${suffix}`,
      type,
      category: 'conversation',
      occurredAt: new Date(at),
      receivedAt: new Date(conversation.receivedAt ?? at),
      userId: conversation.customer,
      properties,
    });
    events.push(event('start', 'conversation_started', conversation.startedAt, withIntent));
    deltaOn(conversation.startedAt, conversation.customer).totalConversations += 1;
    (conversation.messages ?? []).forEach((message, index) => {
      const isReply = message.responseTimeMs !== undefined;
      events.push(
        event(`m${index}`, isReply ? 'message_received' : 'message_sent', message.at, isReply ? { ...withIntent, response_time_ms: message.responseTimeMs } : withIntent),
      );
      const delta = deltaOn(message.at, conversation.customer);
      delta.totalMessages += 1;
      if (isReply) {
        delta.responseTimeSumMs += message.responseTimeMs as number;
        delta.responseTimeCount += 1;
      }
    });
    const outcome = conversation.outcome;
    if (outcome) {
      events.push(event('outcome', `conversation_${outcome.status}`, outcome.at, outcome.resolvedBy ? { ...base, resolved_by: outcome.resolvedBy } : base));
      const delta = deltaOn(outcome.at, conversation.customer);
      if (outcome.status === 'resolved') delta.resolvedConversations += 1;
      if (outcome.status === 'escalated') delta.escalatedConversations += 1;
      if (outcome.status === 'abandoned') delta.abandonedConversations += 1;
    }
    const messageCount = conversation.messages?.length ?? 0;
    const lastAt = [conversation.startedAt, ...(conversation.messages ?? []).map((message) => message.at), ...(outcome ? [outcome.at] : [])].sort().at(-1) as string;
    states.push({
      tenantId: tenant.id,
      conversationId: conversation.id,
      status: outcome?.status ?? (messageCount > 0 ? 'active' : 'started'),
      startedAt: new Date(conversation.startedAt),
      startDate: dayOf(conversation.startedAt),
      lastEventAt: new Date(lastAt),
      outcomeAt: outcome ? new Date(outcome.at) : null,
      outcomeDate: outcome ? dayOf(outcome.at) : null,
      outcomeEventId: outcome ? `${conversation.id}:outcome` : null,
      userKey: conversation.customer,
      channel: conversation.channel ?? null,
      messageCount,
    });
  }

  await new EventRepository(store.dataSource).insertMany(events);
  const conversationsRepository = new ConversationMetricsRepository(store.dataSource);
  await conversationsRepository.saveStates(states);
  await conversationsRepository.applyDailyDeltas([...deltas.values()]);
}

/** Any events, e.g. purchases or model usage. `deviceType` fills the column enrichment would. */
export interface EventFixture {
  id: string;
  type: string;
  category: string;
  at: string;
  userId?: string;
  receivedAt?: string;
  deviceType?: string;
  properties: Record<string, unknown>;
  context?: Record<string, unknown>;
}

export async function storeEvents(store: Store, tenantId: string, fixtures: readonly EventFixture[]): Promise<void> {
  await new EventRepository(store.dataSource).insertMany(
    fixtures.map((fixture) => ({
      tenantId,
      eventId: fixture.id,
      type: fixture.type,
      category: fixture.category,
      occurredAt: new Date(fixture.at),
      receivedAt: new Date(fixture.receivedAt ?? fixture.at),
      userId: fixture.userId ?? null,
      properties: fixture.properties,
      context: fixture.context ?? {},
    })),
  );
  const withDevice = fixtures.filter((fixture) => fixture.deviceType !== undefined);
  for (const fixture of withDevice) {
    await store.dataSource.query(`UPDATE "events" SET "device_type" = $3 WHERE "tenant_id" = $1 AND "event_id" = $2`, [tenantId, fixture.id, fixture.deviceType]);
  }
}
