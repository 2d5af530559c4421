import { histogramOf } from './histogram';
import { removeFromSummary, subtractHistogram } from './rollup-removal';

const summaryOf = (values: number[]) => ({
  count: values.length,
  sum: values.reduce((total, value) => total + value, 0),
  min: Math.min(...values),
  max: Math.max(...values),
  histogram: histogramOf(values),
});

describe('removeFromSummary', () => {
  it('leaves the count and histogram of the remaining values and the sum to subtract', () => {
    const after = removeFromSummary(summaryOf([10, 20, 30, 40]), summaryOf([20]));
    expect(after).toEqual({ kind: 'remaining', count: 3, removedSum: 20, histogram: histogramOf([10, 30, 40]), extremesStale: false });
  });

  it('asks for the extremes again when a removed value was the minimum or the maximum', () => {
    expect(removeFromSummary(summaryOf([10, 20, 30]), summaryOf([10]))).toMatchObject({ extremesStale: true });
    expect(removeFromSummary(summaryOf([10, 20, 30]), summaryOf([30]))).toMatchObject({ extremesStale: true });
  });

  it('is empty when every value is removed', () => {
    expect(removeFromSummary(summaryOf([5, 6]), summaryOf([5, 6]))).toEqual({ kind: 'empty' });
  });
});

describe('subtractHistogram', () => {
  it('drops buckets left empty', () => {
    expect(subtractHistogram(histogramOf([1, 1, 100]), histogramOf([100]))).toEqual(histogramOf([1, 1]));
  });
});
