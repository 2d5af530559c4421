import { matchesPropertyFilter, propertyFilterProblem } from './property-filter';

describe('property filters', () => {
  const properties = { plan: 'pro', revenue: 129.9, gift: false, note: null, items: [1] };

  it('compares scalars by their text form, as properties ->> name does', () => {
    expect(matchesPropertyFilter(properties, { property: 'revenue', operator: 'equals', value: '129.9' })).toBe(true);
    expect(matchesPropertyFilter(properties, { property: 'gift', operator: 'in', value: [false, 'x'] })).toBe(true);
    expect(matchesPropertyFilter(properties, { property: 'plan', operator: 'contains', value: 'r' })).toBe(true);
    expect(matchesPropertyFilter(properties, { property: 'items', operator: 'equals', value: '[1]' })).toBe(false);
  });

  it('treats a missing or null property as not equal, not set, and never greater or less', () => {
    expect(matchesPropertyFilter(properties, { property: 'missing', operator: 'not_equals', value: 'x' })).toBe(true);
    expect(matchesPropertyFilter(properties, { property: 'note', operator: 'is_set' })).toBe(false);
    expect(matchesPropertyFilter(properties, { property: 'note', operator: 'is_not_set' })).toBe(true);
    expect(matchesPropertyFilter(properties, { property: 'plan', operator: 'gt', value: 0 })).toBe(false);
    expect(matchesPropertyFilter(properties, { property: 'revenue', operator: 'lte', value: 129.9 })).toBe(true);
  });

  it('names the field and the rule a filter breaks', () => {
    expect(propertyFilterProblem({ property: "a'; drop table events;--", operator: 'equals', value: 'x' }, 'steps.0.filters.0')).toMatch(/^steps\.0\.filters\.0\.property must match/);
    expect(propertyFilterProblem({ property: 'revenue', operator: 'gt', value: 'ten' }, 'f')).toBe('f.value must be a finite number for gt');
    expect(propertyFilterProblem({ property: 'plan', operator: 'in', value: [] }, 'f')).toMatch(/^f\.value must be a list of 1 to 100/);
    expect(propertyFilterProblem({ property: 'plan', operator: 'is_set', value: 'x' }, 'f')).toBe('f.value must be absent for is_set');
    expect(propertyFilterProblem({ property: 'plan', operator: 'equals', value: 'pro' }, 'f')).toBeUndefined();
  });
});
