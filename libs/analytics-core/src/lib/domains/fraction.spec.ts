import { fractionOf, withShares } from './fraction';

describe('fractionOf', () => {
  it('divides, and answers 0 over nothing instead of NaN', () => {
    expect(fractionOf(1, 4)).toBe(0.25);
    expect(fractionOf(0, 0)).toBe(0);
    expect(fractionOf(3, 0)).toBe(0);
  });

  it('refuses non-finite numbers', () => {
    expect(() => fractionOf(Number.NaN, 1)).toThrow(RangeError);
  });

  it('gives each entry its share: 1 and 3 of 4', () => {
    expect(withShares([{ count: 1 }, { count: 3 }], 4).map((entry) => entry.share)).toEqual([0.25, 0.75]);
  });
});
