import { balance, logCount, rollingSums } from './feature-scales';

describe('feature scales', () => {
  it('puts counts on a log scale where 0 stays 0', () => {
    expect(logCount(0)).toBe(0);
    expect(logCount(Math.E - 1)).toBeCloseTo(1, 15);
    expect(() => logCount(-1)).toThrow(RangeError);
  });

  it('balances recent against earlier activity within [−1, 1], 0 when both are 0', () => {
    expect(balance(30, 10)).toBe(0.5);
    expect(balance(0, 8)).toBe(-1);
    expect(balance(5, 5)).toBe(0);
    expect(balance(0, 0)).toBe(0);
  });

  it('sums complete windows only, sliding by one', () => {
    expect(rollingSums([1, 2, 3, 4], 2)).toEqual([3, 5, 7]);
    expect(rollingSums([1, 2, 3, 4], 4)).toEqual([10]);
    expect(() => rollingSums([1, 2], 3)).toThrow(RangeError);
  });
});
