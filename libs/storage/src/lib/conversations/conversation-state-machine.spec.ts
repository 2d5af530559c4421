import type { ConversationState } from '../repositories/conversation-metrics.repository';
import { advanceConversations, type ConversationEventInput } from './conversation-state-machine';

let counter = 0;
function event(type: string, at: string, overrides: Partial<ConversationEventInput> = {}): ConversationEventInput {
  counter += 1;
  return {
    tenantId: 't1',
    eventId: `e${String(counter).padStart(3, '0')}`,
    conversationId: 'c1',
    type,
    occurredAt: new Date(at),
    localDate: at.slice(0, 10),
    userKey: 'carl',
    channel: 'web_chat',
    responseTimeMs: null,
    ...overrides,
  };
}

const totalsByDay = (deltas: ReturnType<typeof advanceConversations>['deltas']) =>
  Object.fromEntries(
    deltas.map(({ day, totalConversations, resolvedConversations, escalatedConversations, abandonedConversations, totalMessages }) => [
      day,
      { total: totalConversations, resolved: resolvedConversations, escalated: escalatedConversations, abandoned: abandonedConversations, messages: totalMessages },
    ]),
  );

describe('advanceConversations', () => {
  it('goes started → active → resolved and counts the day once, with response times as sum and count', () => {
    const { states, deltas } = advanceConversations([], [
      event('conversation_started', '2025-03-12T09:00:00Z'),
      event('message_sent', '2025-03-12T09:01:00Z'),
      event('message_received', '2025-03-12T09:01:02Z', { responseTimeMs: 2000 }),
      event('conversation_resolved', '2025-03-12T09:05:00Z'),
    ]);

    expect(states).toMatchObject([{ status: 'resolved', messageCount: 2, startDate: '2025-03-12', outcomeDate: '2025-03-12' }]);
    expect(deltas).toEqual([
      {
        tenantId: 't1',
        day: '2025-03-12',
        totalConversations: 1,
        resolvedConversations: 1,
        escalatedConversations: 0,
        abandonedConversations: 0,
        responseTimeSumMs: 2000,
        responseTimeCount: 1,
        totalMessages: 2,
        customers: ['carl'],
      },
    ]);
  });

  it('is active after its first message even when the start has not arrived yet', () => {
    const { states } = advanceConversations([], [event('message_sent', '2025-03-12T09:01:00Z')]);

    expect(states[0].status).toBe('active');
  });

  it('moves the conversation count to an earlier day when the start arrives late', () => {
    const first = advanceConversations([], [event('message_sent', '2025-03-12T00:10:00Z')]);

    const late = advanceConversations(first.states, [event('conversation_started', '2025-03-11T23:55:00Z')]);

    expect(totalsByDay(late.deltas)).toEqual({
      '2025-03-12': { total: -1, resolved: 0, escalated: 0, abandoned: 0, messages: 0 },
      '2025-03-11': { total: 1, resolved: 0, escalated: 0, abandoned: 0, messages: 0 },
    });
    expect(late.states[0]).toMatchObject({ startDate: '2025-03-11', status: 'active' });
  });

  it('keeps the earliest outcome: an escalation that happened first replaces a resolution processed before it', () => {
    const resolved = advanceConversations([], [event('conversation_resolved', '2025-03-13T10:00:00Z')]);

    const escalatedEarlier = advanceConversations(resolved.states, [event('conversation_escalated', '2025-03-12T18:00:00Z')]);

    expect(escalatedEarlier.states[0]).toMatchObject({ status: 'escalated', outcomeDate: '2025-03-12' });
    expect(totalsByDay(escalatedEarlier.deltas)).toEqual({
      '2025-03-12': { total: 1, resolved: 0, escalated: 1, abandoned: 0, messages: 0 },
      '2025-03-13': { total: -1, resolved: -1, escalated: 0, abandoned: 0, messages: 0 },
    });
  });

  it('ignores a later outcome, and counts a message after the outcome without reopening', () => {
    const { states, deltas } = advanceConversations([], [
      event('conversation_escalated', '2025-03-12T10:00:00Z'),
      event('conversation_resolved', '2025-03-12T11:00:00Z'),
      event('message_sent', '2025-03-12T11:05:00Z'),
    ]);

    expect(states[0].status).toBe('escalated');
    expect(totalsByDay(deltas)).toEqual({ '2025-03-12': { total: 1, resolved: 0, escalated: 1, abandoned: 0, messages: 1 } });
  });

  it('ends in the same state and totals whatever order the events arrive in', () => {
    const stream = [
      event('conversation_started', '2025-03-11T23:50:00Z'),
      event('message_sent', '2025-03-12T00:01:00Z'),
      event('message_received', '2025-03-12T00:01:03Z', { responseTimeMs: 3000 }),
      event('conversation_abandoned', '2025-03-12T00:30:00Z'),
      event('conversation_resolved', '2025-03-12T00:40:00Z'),
    ];
    const sumByDay = (batches: ConversationEventInput[][]) => {
      let states: ConversationState[] = [];
      const totals: Record<string, Record<string, number>> = {};
      for (const batch of batches) {
        const result = advanceConversations(states, batch);
        states = result.states;
        for (const [day, counts] of Object.entries(totalsByDay(result.deltas))) {
          totals[day] ??= { total: 0, resolved: 0, escalated: 0, abandoned: 0, messages: 0 };
          for (const [name, value] of Object.entries(counts)) totals[day][name] += value;
        }
      }
      return { status: states[0].status, totals };
    };

    const inOrder = sumByDay([stream]);
    const reversedOneByOne = sumByDay([...stream].reverse().map((single) => [single]));

    expect(reversedOneByOne).toEqual(inOrder);
    expect(inOrder).toEqual({
      status: 'abandoned',
      totals: {
        '2025-03-11': { total: 1, resolved: 0, escalated: 0, abandoned: 0, messages: 0 },
        '2025-03-12': { total: 0, resolved: 0, escalated: 0, abandoned: 1, messages: 2 },
      },
    });
  });

  it('lists a customer once per day however many events they send', () => {
    const { deltas } = advanceConversations([], [
      event('conversation_started', '2025-03-12T09:00:00Z'),
      event('message_sent', '2025-03-12T09:01:00Z'),
      event('conversation_started', '2025-03-12T10:00:00Z', { conversationId: 'c2' }),
    ]);

    expect(deltas.map(({ customers, totalConversations }) => ({ customers, totalConversations }))).toEqual([
      { customers: ['carl'], totalConversations: 2 },
    ]);
  });
});
