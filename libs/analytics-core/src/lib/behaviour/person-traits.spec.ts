import { displayedTraits, mergeTraits } from './person-traits';

describe('person traits', () => {
  it('keeps the latest value of each trait, merging identifies in time order whatever the input order', () => {
    const traits = mergeTraits([
      // Listed out of order on purpose: 10:00 sets plan pro, 09:00 set plan free and name.
      { eventId: 'b', occurredAt: Date.parse('2026-03-01T10:00:00Z'), traits: { plan: 'pro' } },
      { eventId: 'a', occurredAt: Date.parse('2026-03-01T09:00:00Z'), traits: { plan: 'free', name: 'Ann' } },
    ]);
    expect(traits).toEqual({ plan: 'pro', name: 'Ann' });
  });

  it('breaks a tie in time by event id in code-point order ("B" before "a")', () => {
    const at = Date.parse('2026-03-01T10:00:00Z');
    expect(mergeTraits([{ eventId: 'a', occurredAt: at, traits: { plan: 'late' } }, { eventId: 'B', occurredAt: at, traits: { plan: 'early' } }])).toEqual({ plan: 'late' });
  });

  it('lets traits_set_once fill only a trait nobody set before', () => {
    const traits = mergeTraits([
      { eventId: '1', occurredAt: 1, traitsSetOnce: { signup: '2026-01-01', plan: 'trial' } },
      { eventId: '2', occurredAt: 2, traitsSetOnce: { signup: '2026-02-02' }, traits: { plan: 'pro' } },
    ]);
    // signup: the earliest set_once; plan: a later ordinary trait overwrites the set_once value.
    expect(traits).toEqual({ signup: '2026-01-01', plan: 'pro' });
  });

  it('clears a trait set to null, and leaves it out of the displayed traits', () => {
    const traits = mergeTraits([
      { eventId: '1', occurredAt: 1, traits: { company: 'Acme', zeta: 1, alpha: 2 } },
      { eventId: '2', occurredAt: 2, traits: { company: null } },
      { eventId: '3', occurredAt: 3, traits: 'not an object' },
    ]);
    expect(traits).toEqual({ company: null, zeta: 1, alpha: 2 });
    expect(Object.entries(displayedTraits(traits))).toEqual([
      ['alpha', 2],
      ['zeta', 1],
    ]);
  });
});
