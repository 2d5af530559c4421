import { fieldNestedTooDeep } from './nesting';

const nested = (depth: number): unknown => Array.from({ length: depth }).reduce<unknown>((inner) => [inner], 1);

describe('fieldNestedTooDeep', () => {
  it('names the top-level field under which the value nests deeper than the limit', () => {
    expect(fieldNestedTooDeep({ type: 'x', properties: { a: nested(2_000) } }, 64)).toBe('properties');
  });

  it('counts the value itself as level 1: a field may hold limit − 1 levels', () => {
    expect(fieldNestedTooDeep({ a: nested(3) }, 4)).toBeUndefined();
    expect(fieldNestedTooDeep({ a: nested(4) }, 4)).toBe('a');
  });

  it('names a blank key quoted', () => {
    expect(fieldNestedTooDeep({ ' ': nested(10) }, 4)).toBe('" "');
  });

  it('passes scalars and shallow values', () => {
    expect(fieldNestedTooDeep('text', 1)).toBeUndefined();
    expect(fieldNestedTooDeep({ a: 1, b: [1, { c: 2 }] }, 4)).toBeUndefined();
  });
});
