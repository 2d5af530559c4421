import { elementsOf, isWellFormed } from '../testing/svg-elements';
import { bandChart, outsideBand } from './band-chart';

describe('bandChart', () => {
  const input = {
    title: 'Orders with expected range',
    labels: ['1', '2', '3', '4'],
    values: [10, 12, 40, null],
    lower: [8, 9, 9, 10],
    upper: [14, 15, 16, 17],
  };
  const svg = bandChart(input);

  it('finds the values outside the band', () => {
    expect(outsideBand(input)).toEqual([2]);
    expect(outsideBand({ values: [1, 5], lower: [2, null], upper: [3, null] })).toEqual([0]);
  });

  it('shades the band as one polygon between the bounds and marks the anomaly', () => {
    const [band, line] = elementsOf(svg, 'path');
    expect(band['d'].endsWith('Z')).toBe(true);
    expect(band['d'].split('L')).toHaveLength(8);
    expect(line['d'].match(/[ML]/g)).toHaveLength(3);
    expect(elementsOf(svg, 'circle')).toHaveLength(1);
    expect(isWellFormed(svg)).toBe(true);
  });

  it('puts the anomaly, the highest value, at the top of the plot', () => {
    const gridTops = elementsOf(svg, 'line')
      .filter((line) => line['y1'] === line['y2'])
      .map((line) => Number(line['y1']));
    expect(Number(elementsOf(svg, 'circle')[0]['cy'])).toBe(Math.min(...gridTops));
  });

  it('splits the band where a bound is missing (history before a forecast)', () => {
    const split = bandChart({ ...input, lower: [8, null, 9, 10], upper: [14, null, 16, 17] });
    expect(elementsOf(split, 'path').filter((path) => path['d'].endsWith('Z'))).toHaveLength(2);
  });
});
