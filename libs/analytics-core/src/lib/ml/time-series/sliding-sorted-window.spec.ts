import { seededRandom } from '../../seeded-random';
import { robustCentreAndSpread } from './order-statistics';
import { SlidingSortedWindow } from './sliding-sorted-window';

describe('SlidingSortedWindow', () => {
  it('gives the same median and scaled MAD as selection over every window of a series with ties', () => {
    const random = seededRandom(12);
    const values = Array.from({ length: 600 }, () => Math.round(random() * 40) / 4);
    for (const width of [1, 2, 7, 24, 168]) {
      const window = new SlidingSortedWindow(width);
      for (let i = 0; i < values.length; i++) {
        if (i >= width) window.remove(values[i - width]);
        window.add(values[i]);
        const slice = values.slice(Math.max(0, i - width + 1), i + 1);
        expect(window.centreAndSpread()).toEqual(robustCentreAndSpread(Float64Array.from(slice), slice.length));
      }
    }
  });

  it('ignores NaN and answers NaN when empty', () => {
    const window = new SlidingSortedWindow(3);
    window.add(Number.NaN);
    expect(window.length).toBe(0);
    expect(window.median()).toBeNaN();
    window.add(2);
    window.remove(Number.NaN);
    expect(window.centreAndSpread()).toEqual({ centre: 2, spread: 0 });
  });
});
