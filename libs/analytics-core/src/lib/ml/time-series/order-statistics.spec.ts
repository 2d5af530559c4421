import { seededRandom } from '../../seeded-random';
import { MAD_TO_STANDARD_DEVIATION, medianInPlace, robustCentreAndSpread } from './order-statistics';

describe('order statistics by selection', () => {
  it('finds the median of odd and even counts, with ties, like sorting does', () => {
    const random = seededRandom(3);
    for (let length = 1; length <= 40; length++) {
      const values = Array.from({ length }, () => Math.floor(random() * 10));
      const sorted = [...values].sort((a, b) => a - b);
      const expected = length % 2 ? sorted[length >> 1] : (sorted[length / 2 - 1] + sorted[length / 2]) / 2;
      expect(medianInPlace(Float64Array.from(values), length)).toBe(expected);
    }
  });

  it('scales the median absolute deviation to a standard deviation (1, 2, 3, 4, 100: median 3, MAD 1)', () => {
    expect(robustCentreAndSpread(Float64Array.from([4, 100, 1, 3, 2]), 5)).toEqual({
      centre: 3,
      spread: MAD_TO_STANDARD_DEVIATION,
    });
  });
});
