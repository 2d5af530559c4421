import { deterministicId } from './deterministic-id';
import { assignSessions, SessionizableEvent, SessionState } from './sessionization';

const TENANT = 'tenant-1';
const USER = 'user-42';
const t = (hhmm: string) => Date.parse(`2026-05-04T${hhmm}:00Z`);
const event = (eventId: string, hhmm: string, sessionId?: string): SessionizableEvent => ({
  eventId,
  occurredAt: new Date(t(hhmm)),
  sessionId,
});
const derived = (eventId: string, hhmm: string) => deterministicId(t(hhmm), TENANT, USER, eventId);
const run = (previous: SessionState | undefined, events: SessionizableEvent[], inactivityGapMs?: number) =>
  assignSessions({ tenantId: TENANT, userKey: USER, previous, events, inactivityGapMs });
const ids = (result: ReturnType<typeof run>) => result.assignments.map((assignment) => assignment.sessionId);

describe('assignSessions', () => {
  it('opens a session with an id derived from tenant, user, time and event id', () => {
    const result = run(undefined, [event('e1', '10:00')]);
    expect(result.assignments).toEqual([{ eventId: 'e1', sessionId: derived('e1', '10:00'), startsSession: true }]);
    expect(result.state).toEqual({ sessions: [{ sessionId: derived('e1', '10:00'), startedAt: t('10:00'), lastEventAt: t('10:00') }] });
  });

  it('continues the previous session when the gap is exactly 30 minutes', () => {
    const previous: SessionState = { sessions: [{ sessionId: 'S', startedAt: t('09:00'), lastEventAt: t('09:30') }] };
    const result = run(previous, [event('e1', '10:00')]);
    expect(result.assignments).toEqual([{ eventId: 'e1', sessionId: 'S', startsSession: false }]);
    expect(result.state.sessions).toEqual([{ sessionId: 'S', startedAt: t('09:00'), lastEventAt: t('10:00') }]);
  });

  it('starts a new session when the gap is longer than 30 minutes', () => {
    const previous: SessionState = { sessions: [{ sessionId: 'S', startedAt: t('09:00'), lastEventAt: t('09:29') }] };
    expect(ids(run(previous, [event('e1', '10:00')]))).toEqual([derived('e1', '10:00')]);
  });

  it('splits one batch into sessions at each gap longer than 30 minutes', () => {
    const result = run(undefined, [event('a', '10:00'), event('b', '10:20'), event('c', '10:50'), event('d', '11:21')]);
    expect(ids(result)).toEqual([derived('a', '10:00'), derived('a', '10:00'), derived('a', '10:00'), derived('d', '11:21')]);
    expect(result.assignments.map((assignment) => assignment.startsSession)).toEqual([true, false, false, true]);
  });

  it('honours a configured inactivity gap', () => {
    const result = run(undefined, [event('a', '10:00'), event('b', '10:06')], 5 * 60_000);
    expect(ids(result)).toEqual([derived('a', '10:00'), derived('b', '10:06')]);
  });

  it('keeps a client-sent session id even after a long gap', () => {
    const previous: SessionState = { sessions: [{ sessionId: 'S', startedAt: t('09:00'), lastEventAt: t('09:59') }] };
    const result = run(previous, [event('e1', '10:00', 'client-session')]);
    expect(result.assignments).toEqual([{ eventId: 'e1', sessionId: 'client-session', startsSession: true }]);
  });

  it('lets a later event without a session id continue the client session it follows', () => {
    const result = run(undefined, [event('a', '10:00', 'client-session'), event('b', '10:10')]);
    expect(ids(result)).toEqual(['client-session', 'client-session']);
  });

  it('returns assignments in input order but decides them in time order', () => {
    const result = run(undefined, [event('late', '10:40'), event('first', '10:00'), event('middle', '10:20')]);
    expect(result.assignments.map((assignment) => assignment.eventId)).toEqual(['late', 'first', 'middle']);
    expect(ids(result)).toEqual([derived('first', '10:00'), derived('first', '10:00'), derived('first', '10:00')]);
    expect(result.assignments.map((assignment) => assignment.startsSession)).toEqual([false, true, false]);
  });

  it('gives the same ids whether events arrive in one batch or two', () => {
    const events = [event('a', '10:00'), event('b', '10:20'), event('c', '11:30'), event('d', '11:45')];
    const whole = run(undefined, events);
    const firstHalf = run(undefined, events.slice(0, 2));
    const secondHalf = run(firstHalf.state, events.slice(2));
    expect([...ids(firstHalf), ...ids(secondHalf)]).toEqual(ids(whole));
    expect(secondHalf.state).toEqual(whole.state);
  });

  it('gives the same ids when a batch is redelivered, before or after its state was saved', () => {
    const previous: SessionState = { sessions: [{ sessionId: 'S', startedAt: t('09:00'), lastEventAt: t('09:50') }] };
    const batch = [event('a', '10:10'), event('b', '11:00'), event('c', '11:05')];
    const first = run(previous, batch);
    expect(ids(first)).toEqual(['S', derived('b', '11:00'), derived('b', '11:00')]);
    expect(ids(run(previous, batch))).toEqual(ids(first));
    expect(ids(run(first.state, batch))).toEqual(ids(first));
  });

  describe('late events (older than the last event in the state)', () => {
    const previous: SessionState = {
      sessions: [
        { sessionId: 'MORNING', startedAt: t('08:00'), lastEventAt: t('08:40') },
        { sessionId: 'NOON', startedAt: t('12:00'), lastEventAt: t('12:30') },
      ],
    };

    it('join the known session whose window contains them', () => {
      const result = run(previous, [event('late', '08:20')]);
      expect(result.assignments).toEqual([{ eventId: 'late', sessionId: 'MORNING', startsSession: false }]);
      expect(result.state.sessions[0]).toEqual({ sessionId: 'MORNING', startedAt: t('08:00'), lastEventAt: t('08:40') });
    });

    it('join a session they precede by at most the gap, moving its start earlier', () => {
      const result = run(previous, [event('late', '11:40')]);
      expect(ids(result)).toEqual(['NOON']);
      expect(result.state.sessions.find((session) => session.sessionId === 'NOON')).toEqual({
        sessionId: 'NOON',
        startedAt: t('11:40'),
        lastEventAt: t('12:30'),
      });
    });

    it('get their own derived session when no known session is within the gap', () => {
      const result = run(previous, [event('late', '10:00'), event('late-2', '10:15')]);
      expect(ids(result)).toEqual([derived('late', '10:00'), derived('late', '10:00')]);
    });

    it('join the nearer of two sessions they fall between, never merging them', () => {
      const close: SessionState = {
        sessions: [
          { sessionId: 'A', startedAt: t('10:00'), lastEventAt: t('10:10') },
          { sessionId: 'B', startedAt: t('10:50'), lastEventAt: t('11:00') },
        ],
      };
      expect(ids(run(close, [event('x', '10:35')]))).toEqual(['B']);
      expect(ids(run(close, [event('y', '10:30')]))).toEqual(['A']);
      expect(run(close, [event('x', '10:35')]).state.sessions.map((session) => session.sessionId)).toEqual(['A', 'B']);
    });
  });

  it('remembers only the most recent sessions', () => {
    const result = assignSessions({
      tenantId: TENANT,
      userKey: USER,
      previous: undefined,
      events: [event('a', '08:00'), event('b', '09:00'), event('c', '10:00')],
      maxRememberedSessions: 2,
    });
    expect(result.state.sessions.map((session) => session.sessionId)).toEqual([derived('b', '09:00'), derived('c', '10:00')]);
  });

  it('derives different ids for different users with the same event', () => {
    const other = assignSessions({ tenantId: TENANT, userKey: 'user-43', previous: undefined, events: [event('e1', '10:00')] });
    expect(ids(other)).not.toEqual([derived('e1', '10:00')]);
  });

  it('rejects a negative gap', () => {
    expect(() => run(undefined, [], -1)).toThrow(RangeError);
  });
});
