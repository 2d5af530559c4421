import { deterministicId } from '@pulse/analytics-core';
import { assignBatchSessions, mergeSessionWindows } from './session-assignment';

const at = (time: string) => new Date(`2025-03-12T${time}Z`);

describe('assignBatchSessions', () => {
  it('opens a deterministic session and starts another after 30 minutes of silence', () => {
    const { sessionIdOf } = assignBatchSessions(
      't1',
      [
        { eventId: 'e1', occurredAt: at('10:00:00'), userKey: 'alice', clientSessionId: null },
        { eventId: 'e2', occurredAt: at('10:29:00'), userKey: 'alice', clientSessionId: null },
        { eventId: 'e3', occurredAt: at('11:00:00'), userKey: 'alice', clientSessionId: null },
      ],
      new Map(),
      [],
    );

    const first = deterministicId(at('10:00:00').getTime(), 't1', 'alice', 'e1');
    const second = deterministicId(at('11:00:00').getTime(), 't1', 'alice', 'e3');
    expect(Object.fromEntries(sessionIdOf)).toEqual({ e1: first, e2: first, e3: second });
  });

  it('continues the anonymous session after identify, and keeps a session id the client sent', () => {
    const stored = new Map([['anon:anon-v', [{ sessionId: 'anon-session', startedAt: at('10:00:00').getTime(), lastEventAt: at('10:10:00').getTime() }]]]);

    const { sessionIdOf, states } = assignBatchSessions(
      't1',
      [
        { eventId: 'e1', occurredAt: at('10:15:00'), userKey: 'victor', clientSessionId: null },
        { eventId: 'e2', occurredAt: at('10:16:00'), userKey: 'victor', clientSessionId: 'client-session' },
      ],
      stored,
      [{ fromKeys: ['anon:anon-v', 'anon-v'], toKey: 'victor' }],
    );

    expect(Object.fromEntries(sessionIdOf)).toEqual({ e1: 'anon-session', e2: 'client-session' });
    expect(states.get('victor')?.map((window) => window.sessionId)).toEqual(['anon-session', 'client-session']);
  });
});

describe('mergeSessionWindows', () => {
  it('widens a session both sides know and keeps the most recent ones, oldest first', () => {
    const merged = mergeSessionWindows(
      [
        { sessionId: 'a', startedAt: 10, lastEventAt: 20 },
        { sessionId: 'b', startedAt: 30, lastEventAt: 40 },
      ],
      [
        { sessionId: 'b', startedAt: 25, lastEventAt: 35 },
        { sessionId: 'c', startedAt: 50, lastEventAt: 60 },
      ],
      2,
    );

    expect(merged).toEqual([
      { sessionId: 'b', startedAt: 25, lastEventAt: 40 },
      { sessionId: 'c', startedAt: 50, lastEventAt: 60 },
    ]);
  });
});
