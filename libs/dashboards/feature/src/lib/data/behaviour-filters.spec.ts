import { behaviourFilters, narrowedMatcher } from './behaviour-filters';

describe('behaviourFilters', () => {
  it('turns top-level property filters into funnel/retention filters, in taking the values list', () => {
    const result = behaviourFilters([
      { field: 'properties.plan', operator: 'equals', value: 'pro' },
      { field: 'properties["utm.source"]', operator: 'in', values: ['ads', 'mail'] },
      { field: 'properties.amount', operator: 'gte', value: 10 },
      { field: 'properties.coupon', operator: 'is_set' },
    ]);
    expect(result.applied).toEqual([
      { property: 'plan', operator: 'equals', value: 'pro' },
      { property: 'utm.source', operator: 'in', value: ['ads', 'mail'] },
      { property: 'amount', operator: 'gte', value: 10 },
      { property: 'coupon', operator: 'is_set' },
    ]);
    expect(result.appliedFields).toEqual(['properties.plan', 'properties["utm.source"]', 'properties.amount', 'properties.coupon']);
    expect(result.notApplied).toEqual([]);
  });

  it('lists what funnels and retention cannot filter on, with why, instead of dropping it', () => {
    const result = behaviourFilters([
      { field: 'device_type', operator: 'equals', value: 'mobile' },
      { field: 'context.campaign.source', operator: 'equals', value: 'ads' },
      { field: 'properties.order.total', operator: 'gt', value: 5 },
      { field: 'properties.plan', operator: 'not_in', values: ['free'] },
      { field: 'properties.amount', operator: 'between', values: [1, 2] },
      { field: 'properties.amount', operator: 'gt', value: 'ten' },
    ]);
    expect(result.applied).toEqual([]);
    expect(result.notApplied.map((entry) => entry.field)).toEqual([
      'device_type',
      'context.campaign.source',
      'properties.order.total',
      'properties.plan',
      'properties.amount',
      'properties.amount',
    ]);
    expect(result.notApplied[0].reason).toContain('top-level event properties');
    expect(result.notApplied[3].reason).toBe('operator not_in is not available to funnels and retention');
    expect(result.notApplied[5].reason).toContain('finite number');
  });
});

describe('narrowedMatcher', () => {
  it('keeps the matcher’s own filters and adds the dashboard’s', () => {
    const matcher = { eventType: 'order_completed', filters: [{ property: 'currency', operator: 'equals' as const, value: 'EUR' }] };
    expect(narrowedMatcher(matcher, [{ property: 'plan', operator: 'equals', value: 'pro' }])).toEqual({
      eventType: 'order_completed',
      filters: [
        { property: 'currency', operator: 'equals', value: 'EUR' },
        { property: 'plan', operator: 'equals', value: 'pro' },
      ],
    });
    expect(narrowedMatcher(matcher, [])).toBe(matcher);
  });
});
