import {
  applyIdentityLinks,
  canonicalUserKey,
  identityLinksFromEvent,
  IdentityMap,
  resolveIdentity,
} from './identity-stitching';

const mapOf = (entries: Record<string, string>): IdentityMap => new Map(Object.entries(entries));

describe('identityLinksFromEvent', () => {
  it('links the anonymous id to the user id on a Segment identify', () => {
    expect(identityLinksFromEvent({ type: 'identify', anonymousId: 'anon-1', userId: 'user-1' })).toEqual([
      { from: 'anon-1', to: 'user-1' },
    ]);
  });

  it('links the previous id to the new user id on a Segment alias', () => {
    expect(identityLinksFromEvent({ type: 'alias', previousId: 'user-1', userId: 'user-2' })).toEqual([
      { from: 'user-1', to: 'user-2' },
    ]);
  });

  it('links $anon_distinct_id to the distinct id on a PostHog $identify', () => {
    expect(
      identityLinksFromEvent({ type: '$identify', properties: { $anon_distinct_id: 'ph-anon', distinct_id: 'user-1' } }),
    ).toEqual([{ from: 'ph-anon', to: 'user-1' }]);
  });

  it('links the alias to the distinct id on a PostHog $create_alias', () => {
    expect(identityLinksFromEvent({ type: '$create_alias', userId: 'user-1', properties: { alias: 'crm-77' } })).toEqual([
      { from: 'crm-77', to: 'user-1' },
    ]);
  });

  it('finds no link in an identify without an anonymous id, in a track, or from an id to itself', () => {
    expect(identityLinksFromEvent({ type: 'identify', userId: 'user-1' })).toEqual([]);
    expect(identityLinksFromEvent({ type: 'track', anonymousId: 'anon-1', userId: 'user-1' })).toEqual([]);
    expect(identityLinksFromEvent({ type: 'identify', anonymousId: 'user-1', userId: 'user-1' })).toEqual([]);
  });
});

describe('applyIdentityLinks', () => {
  it('adds new links and leaves the input map untouched', () => {
    const original = mapOf({});
    const result = applyIdentityLinks(original, [{ from: 'anon-1', to: 'user-1' }]);
    expect([...result.map]).toEqual([['anon-1', 'user-1']]);
    expect(result.added).toEqual([{ from: 'anon-1', to: 'user-1' }]);
    expect(original.size).toBe(0);
  });

  it('keeps the first link when a later one points the same id elsewhere', () => {
    const result = applyIdentityLinks(mapOf({ 'anon-1': 'user-1' }), [{ from: 'anon-1', to: 'user-2' }]);
    expect(result.map.get('anon-1')).toBe('user-1');
    expect(result.rejected).toEqual([{ link: { from: 'anon-1', to: 'user-2' }, reason: 'conflict', existingTo: 'user-1' }]);
  });

  it('applies the first of two conflicting links in the same batch', () => {
    const result = applyIdentityLinks(mapOf({}), [
      { from: 'anon-1', to: 'user-1' },
      { from: 'anon-1', to: 'user-2' },
    ]);
    expect(result.map.get('anon-1')).toBe('user-1');
    expect(result.rejected.map((rejection) => rejection.reason)).toEqual(['conflict']);
  });

  it('treats a link it already has as a no-op, so redelivery adds nothing', () => {
    const result = applyIdentityLinks(mapOf({ 'anon-1': 'user-1' }), [{ from: 'anon-1', to: 'user-1' }]);
    expect(result.added).toEqual([]);
    expect(result.rejected).toEqual([]);
  });

  it('rejects a link that would close a loop', () => {
    const result = applyIdentityLinks(mapOf({ a: 'b', b: 'c' }), [{ from: 'c', to: 'a' }]);
    expect(result.rejected).toEqual([{ link: { from: 'c', to: 'a' }, reason: 'cycle' }]);
    expect(result.map.has('c')).toBe(false);
  });

  it('rejects a link from an id to itself', () => {
    expect(applyIdentityLinks(mapOf({}), [{ from: 'a', to: 'a' }]).rejected[0].reason).toBe('self');
  });
});

describe('resolveIdentity', () => {
  it('follows a chain (alias of an alias) to the final id', () => {
    expect(resolveIdentity(mapOf({ 'anon-1': 'user-1', 'user-1': 'user-2', 'user-2': 'user-3' }), 'anon-1')).toBe('user-3');
  });

  it('returns an unlinked id unchanged', () => {
    expect(resolveIdentity(mapOf({}), 'user-9')).toBe('user-9');
  });

  it('resolves every id on a loop (written concurrently elsewhere) to the smallest id on it', () => {
    const looped = mapOf({ x: 'c', c: 'b', b: 'd', d: 'c' });
    expect(resolveIdentity(looped, 'x')).toBe('b');
    expect(resolveIdentity(looped, 'c')).toBe('b');
    expect(resolveIdentity(looped, 'd')).toBe('b');
  });
});

describe('canonicalUserKey', () => {
  const map = mapOf({ 'anon-1': 'user-1', 'user-1': 'user-2' });

  it('uses the user id when present, resolved through aliases', () => {
    expect(canonicalUserKey(map, { userId: 'user-1', anonymousId: 'anon-9' })).toBe('user-2');
    expect(canonicalUserKey(map, { userId: 'user-7' })).toBe('user-7');
  });

  it('uses the user the anonymous id was linked to', () => {
    expect(canonicalUserKey(map, { anonymousId: 'anon-1' })).toBe('user-2');
  });

  it('prefixes an unlinked anonymous id with anon:', () => {
    expect(canonicalUserKey(map, { anonymousId: 'anon-2', userId: null })).toBe('anon:anon-2');
  });

  it('is undefined when the event has neither id', () => {
    expect(canonicalUserKey(map, { userId: '', anonymousId: undefined })).toBeUndefined();
  });
});
