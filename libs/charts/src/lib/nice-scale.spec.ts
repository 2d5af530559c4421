import { niceScale } from './nice-scale';

const isNice = (step: number) => {
  const mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
  return [1, 2, 2.5, 5].some((nice) => Math.abs(mantissa - nice) < 1e-9);
};

describe('niceScale', () => {
  it('encloses the data with ticks at multiples of a nice step', () => {
    const scale = niceScale(0, 1234);
    expect(scale).toEqual({ min: 0, max: 1250, step: 250, ticks: [0, 250, 500, 750, 1000, 1250] });
  });

  it('keeps a maximum that is already nice as the top tick', () => {
    expect(niceScale(0, 100).ticks).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('uses steps of 1, 2, 2.5 or 5 times a power of ten for any range', () => {
    for (const [low, high] of [
      [0, 7],
      [0, 0.37],
      [-42, 913],
      [3, 3.3],
      [0, 123456789],
    ]) {
      const scale = niceScale(low, high);
      expect(isNice(scale.step)).toBe(true);
      expect(scale.min).toBeLessThanOrEqual(low);
      expect(scale.max).toBeGreaterThanOrEqual(high);
      expect(scale.ticks.length).toBeLessThanOrEqual(8);
    }
  });

  it('gives decimal ticks without floating-point noise', () => {
    expect(niceScale(0, 0.37).ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });

  it('draws an axis from 0 to 1 when every value is 0', () => {
    expect(niceScale(0, 0)).toMatchObject({ min: 0, max: 1 });
  });

  it('reaches 0 when every value is the same positive number', () => {
    expect(niceScale(40, 40)).toMatchObject({ min: 0, max: 40 });
  });
});
