import type { IdentifiedPulseEvent } from '@pulse/contracts';
import { applyBatchIdentities, identityIdsOf, userKeyOf } from './identity-resolution';

function event(overrides: Partial<IdentifiedPulseEvent>): { event: IdentifiedPulseEvent; occurredAt: Date } {
  const timestamp = overrides.timestamp ?? '2025-03-12T10:00:00Z';
  return {
    event: { eventId: 'e1', type: 'page_view', category: 'commerce', timestamp, properties: {}, ...overrides },
    occurredAt: new Date(timestamp),
  };
}

describe('applyBatchIdentities', () => {
  it('links the anonymous id of an identify to its user and moves the anonymous session state to the user', () => {
    const identify = event({ eventId: 'id-1', type: 'identify', category: 'identity', userId: 'victor', anonymousId: 'anon-v' });

    const result = applyBatchIdentities(new Map(), [identify]);

    expect(result.added).toEqual([{ fromId: 'anon-v', toId: 'victor', sourceEventId: 'id-1', linkedAt: identify.occurredAt }]);
    expect(result.sessionMerges).toEqual([{ fromKeys: ['anon:anon-v', 'anon-v'], toKey: 'victor' }]);
    expect(userKeyOf(result.map, { ...identify.event, userId: undefined })).toBe('victor');
  });

  it('keeps the first link of an id: a later identify of the same anonymous id as someone else is not stored', () => {
    const result = applyBatchIdentities(new Map([['anon-v', 'victor']]), [
      event({ eventId: 'id-2', type: 'identify', category: 'identity', userId: 'mallory', anonymousId: 'anon-v' }),
    ]);

    expect(result.added).toEqual([]);
    expect(userKeyOf(result.map, { eventId: 'x', type: 'page_view', category: 'commerce', timestamp: '', properties: {}, anonymousId: 'anon-v' })).toBe('victor');
  });

  it('follows an alias from an earlier user id to the current one', () => {
    const alias = event({ eventId: 'al-1', type: 'alias', category: 'identity', userId: 'new-id', properties: { previous_id: 'old-id' } });

    const result = applyBatchIdentities(new Map(), [alias]);

    expect(userKeyOf(result.map, { ...alias.event, type: 'page_view', userId: 'old-id' })).toBe('new-id');
    expect(identityIdsOf(alias.event)).toEqual(['new-id', 'old-id']);
  });

  it('gives an unlinked anonymous visitor an anon: key, and a machine event none', () => {
    expect(userKeyOf(new Map(), event({ anonymousId: 'a-1' }).event)).toBe('anon:a-1');
    expect(userKeyOf(new Map(), event({ type: 'system_metric', category: 'system' }).event)).toBeNull();
  });
});
