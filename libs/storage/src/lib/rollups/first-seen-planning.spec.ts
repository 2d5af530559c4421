import { planFirstSeen, type FirstSeenSource } from './first-seen-planning';

const at = (tenantId: string, type: string, userKey: string | null, iso: string): FirstSeenSource => ({ tenantId, type, userKey, occurredAt: new Date(iso) });

describe('planFirstSeen', () => {
  it('keeps the earliest event per person and type, and per person over all types', () => {
    const rows = planFirstSeen([
      at('t1', 'open', 'ann', '2026-03-02T10:00:00Z'),
      at('t1', 'open', 'ann', '2026-03-01T10:00:00Z'),
      at('t1', 'buy', 'ann', '2026-02-28T10:00:00Z'),
      at('t1', 'open', null, '2026-01-01T00:00:00Z'),
      at('t2', 'open', 'ann', '2026-03-05T10:00:00Z'),
    ]);

    const summary = rows.map(({ tenantId, eventType, userKey, firstAt }) => [tenantId, eventType, userKey, firstAt.toISOString()]).sort();
    expect(summary).toEqual([
      ['t1', '*', 'ann', '2026-02-28T10:00:00.000Z'],
      ['t1', 'buy', 'ann', '2026-02-28T10:00:00.000Z'],
      ['t1', 'open', 'ann', '2026-03-01T10:00:00.000Z'],
      ['t2', '*', 'ann', '2026-03-05T10:00:00.000Z'],
      ['t2', 'open', 'ann', '2026-03-05T10:00:00.000Z'],
    ]);
  });
});
