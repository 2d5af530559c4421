import type { BehaviourEvent } from './behaviour-event';
import { isSegmentMember, segmentDefinitionProblems, segmentMembers, type SegmentDefinition } from './segment';

const AS_OF = Date.parse('2026-03-31T00:00:00Z');
const DAY = 86_400_000;

let sequence = 0;
function event(personKey: string, type: string, daysBeforeAsOf: number, properties: Record<string, unknown> = {}): BehaviourEvent {
  sequence += 1;
  return { eventId: `s${String(sequence).padStart(4, '0')}`, personKey, type, occurredAt: AS_OF - daysBeforeAsOf * DAY, properties };
}

describe('segments', () => {
  const proBuyers: SegmentDefinition = {
    traitFilters: [{ property: 'plan', operator: 'equals', value: 'pro' }],
    performed: [{ eventType: 'buy', minTimes: 2, withinDays: 7 }],
  };

  it('takes persons whose traits match and who did the event often enough in the window (hand-computed)', () => {
    const events = [
      // ann: pro, buys 1 and 6 days ago: member.
      event('ann', 'identify', 20, { traits: { plan: 'pro' } }),
      event('ann', 'buy', 1),
      event('ann', 'buy', 6),
      // ben: pro, but one of his two buys is 8 days ago, outside the 7-day window: not a member.
      event('ben', 'identify', 20, { traits: { plan: 'pro' } }),
      event('ben', 'buy', 1),
      event('ben', 'buy', 8),
      // cid: buys twice, but downgraded to free after being pro: not a member.
      event('cid', 'identify', 20, { traits: { plan: 'pro' } }),
      event('cid', 'identify', 2, { traits: { plan: 'free' } }),
      event('cid', 'buy', 1),
      event('cid', 'buy', 3),
      // dee: no identify at all: plan not set, so not equal to pro.
      event('dee', 'buy', 1),
      event('dee', 'buy', 2),
    ];
    expect(segmentMembers(events, proBuyers, AS_OF)).toEqual(['ann']);
  });

  it('counts the window as [asOf − withinDays × 24 h, asOf)', () => {
    const rule: SegmentDefinition = { performed: [{ eventType: 'open', minTimes: 1, withinDays: 1 }] };
    expect(isSegmentMember({}, [event('x', 'open', 1)], rule, AS_OF)).toBe(true);
    expect(isSegmentMember({}, [event('x', 'open', 1 + 1 / DAY)], rule, AS_OF)).toBe(false);
    expect(isSegmentMember({}, [event('x', 'open', 0)], rule, AS_OF)).toBe(false);
  });

  it('applies the rule’s event filters and lets is_not_set take persons without the trait', () => {
    const definition: SegmentDefinition = {
      traitFilters: [{ property: 'company', operator: 'is_not_set' }],
      performed: [{ eventType: 'buy', filters: [{ property: 'revenue', operator: 'gte', value: 100 }], minTimes: 1, withinDays: 30 }],
    };
    const events = [event('eve', 'buy', 3, { revenue: 150 }), event('fay', 'buy', 3, { revenue: 50 }), event('gus', 'identify', 9, { traits: { company: 'Acme' } }), event('gus', 'buy', 3, { revenue: 500 })];
    expect(segmentMembers(events, definition, AS_OF)).toEqual(['eve']);
  });

  it('names the field and the rule of each problem in a definition', () => {
    expect(segmentDefinitionProblems({})).toEqual(['definition must hold 1 to 20 conditions (traitFilters and performed together)']);
    expect(
      segmentDefinitionProblems({
        traitFilters: [{ property: "x'; drop", operator: 'equals', value: 1 }],
        performed: [{ eventType: 'buy', minTimes: 0, withinDays: 400 }],
      }),
    ).toEqual([
      expect.stringMatching(/^definition\.traitFilters\.0\.property must match/),
      'definition.performed.0.minTimes must be an integer from 1 to 10000',
      'definition.performed.0.withinDays must be an integer from 1 to 365',
    ]);
  });
});
