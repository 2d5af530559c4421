import type { ConversationStatus } from '../entities/conversation-state.entity';
import type { ConversationDailyDelta, ConversationState } from '../repositories/conversation-metrics.repository';

/** A new conversation event, enriched. */
export interface ConversationEventInput {
  tenantId: string;
  eventId: string;
  conversationId: string;
  type: string;
  occurredAt: Date;
  /** Tenant-local date of `occurredAt`. */
  localDate: string;
  userKey: string | null;
  channel: string | null;
  /** `response_time_ms` of a message_received. */
  responseTimeMs: number | null;
}

const OUTCOMES: Readonly<Record<string, ConversationStatus>> = {
  conversation_resolved: 'resolved',
  conversation_escalated: 'escalated',
  conversation_abandoned: 'abandoned',
};
const MESSAGE_TYPES = new Set(['message_sent', 'message_received']);

type Counter = 'totalConversations' | 'resolvedConversations' | 'escalatedConversations' | 'abandonedConversations';
const OUTCOME_COUNTERS: Readonly<Record<string, Counter>> = {
  resolved: 'resolvedConversations',
  escalated: 'escalatedConversations',
  abandoned: 'abandonedConversations',
};

export interface ConversationAdvance {
  /** The new state of every conversation the events touched. */
  states: ConversationState[];
  /** What to add to each (tenant, day) of the daily metrics. */
  deltas: ConversationDailyDelta[];
}

/**
 * The conversation state machine: started → active → resolved | escalated | abandoned.
 *
 * Every count lands on the tenant-local day of the event that causes it, and the result does not
 * depend on the order events arrive in:
 * - a conversation counts once in `total_conversations`, on the day of its EARLIEST known event
 *   (normally conversation_started; a message seen first stands in until an earlier event shows up,
 *   which then moves the count to its own day);
 * - it has at most one outcome: the EARLIEST terminal event (ties by event id). A terminal event that
 *   arrives later but happened earlier replaces the outcome and moves the count (−1 old, +1 new);
 *   later terminal events (resolved after an escalation…) do not change the counts;
 * - messages and response times count on their own day, also after the outcome (a message after the
 *   outcome does not reopen the conversation);
 * - a customer counts once per day in `unique_customers`.
 * Abandonment is what `conversation_abandoned` events say; inactivity timeouts are not inferred here.
 */
export function advanceConversations(
  stored: readonly ConversationState[],
  events: readonly ConversationEventInput[],
): ConversationAdvance {
  const states = new Map(stored.map((state) => [conversationKey(state.tenantId, state.conversationId), { ...state }]));
  const touched = new Set<string>();
  const deltas = new Map<string, ConversationDailyDelta & { customerSet: Set<string> }>();
  const deltaOf = (tenantId: string, day: string) => {
    const key = `${tenantId}|${day}`;
    let delta = deltas.get(key);
    if (delta === undefined) {
      delta = {
        tenantId,
        day,
        totalConversations: 0,
        resolvedConversations: 0,
        escalatedConversations: 0,
        abandonedConversations: 0,
        responseTimeSumMs: 0,
        responseTimeCount: 0,
        totalMessages: 0,
        customers: [],
        customerSet: new Set(),
      };
      deltas.set(key, delta);
    }
    return delta;
  };

  const ordered = [...events].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || compare(a.eventId, b.eventId),
  );
  for (const event of ordered) {
    const key = conversationKey(event.tenantId, event.conversationId);
    touched.add(key);
    let state = states.get(key);
    if (state === undefined) {
      state = {
        tenantId: event.tenantId,
        conversationId: event.conversationId,
        status: event.type === 'conversation_started' ? 'started' : 'active',
        startedAt: event.occurredAt,
        startDate: event.localDate,
        lastEventAt: event.occurredAt,
        outcomeAt: null,
        outcomeDate: null,
        outcomeEventId: null,
        userKey: event.userKey,
        channel: event.channel,
        messageCount: 0,
      };
      states.set(key, state);
      deltaOf(event.tenantId, event.localDate).totalConversations += 1;
    } else {
      if (event.occurredAt.getTime() < state.startedAt.getTime()) {
        if (event.localDate !== state.startDate) {
          deltaOf(event.tenantId, state.startDate).totalConversations -= 1;
          deltaOf(event.tenantId, event.localDate).totalConversations += 1;
          state.startDate = event.localDate;
        }
        state.startedAt = event.occurredAt;
      }
      if (event.occurredAt.getTime() > state.lastEventAt.getTime()) state.lastEventAt = event.occurredAt;
      state.userKey ??= event.userKey;
      state.channel ??= event.channel;
    }

    const day = deltaOf(event.tenantId, event.localDate);
    if (event.userKey !== null && !day.customerSet.has(event.userKey)) day.customerSet.add(event.userKey);

    if (MESSAGE_TYPES.has(event.type)) {
      state.messageCount += 1;
      day.totalMessages += 1;
      if (event.type === 'message_received' && event.responseTimeMs !== null) {
        day.responseTimeSumMs += event.responseTimeMs;
        day.responseTimeCount += 1;
      }
      if (state.status === 'started') state.status = 'active';
    } else if (OUTCOMES[event.type] !== undefined) {
      const outcome = OUTCOMES[event.type];
      const isEarlier =
        state.outcomeAt === null ||
        event.occurredAt.getTime() < state.outcomeAt.getTime() ||
        (event.occurredAt.getTime() === state.outcomeAt.getTime() && compare(event.eventId, state.outcomeEventId ?? '') < 0);
      if (isEarlier) {
        if (state.outcomeAt !== null && state.outcomeDate !== null) {
          deltaOf(event.tenantId, state.outcomeDate)[OUTCOME_COUNTERS[state.status]] -= 1;
        }
        day[OUTCOME_COUNTERS[outcome]] += 1;
        state.status = outcome;
        state.outcomeAt = event.occurredAt;
        state.outcomeDate = event.localDate;
        state.outcomeEventId = event.eventId;
      }
    } else if (event.type !== 'conversation_started' && state.status === 'started') {
      state.status = 'active';
    }
  }

  return {
    states: [...touched].map((key) => states.get(key)!),
    deltas: [...deltas.values()].map(({ customerSet, ...delta }) => ({ ...delta, customers: [...customerSet].sort() })),
  };
}

function conversationKey(tenantId: string, conversationId: string): string {
  return `${tenantId}\u0000${conversationId}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A stored event as the conversation state machine sees it; undefined unless it is a conversation event with an id. */
export function conversationEventInputOf(event: {
  tenantId: string;
  eventId: string;
  type: string;
  category: string;
  occurredAt: Date;
  localDate: string;
  userKey: string | null;
  properties: Readonly<Record<string, unknown>>;
}): ConversationEventInput | undefined {
  const conversationId = event.properties['conversation_id'];
  if (event.category !== 'conversation' || typeof conversationId !== 'string') return undefined;
  const channel = event.properties['channel'];
  const responseTime = event.properties['response_time_ms'];
  return {
    tenantId: event.tenantId,
    eventId: event.eventId,
    conversationId,
    type: event.type,
    occurredAt: event.occurredAt,
    localDate: event.localDate,
    userKey: event.userKey,
    channel: typeof channel === 'string' ? channel : null,
    responseTimeMs: typeof responseTime === 'number' ? responseTime : null,
  };
}
