import { elementsOf, isWellFormed, textsOf } from '../testing/svg-elements';
import { lineChart } from './line-chart';

const gridLines = (svg: string) => elementsOf(svg, 'line').filter((line) => line['y1'] === line['y2']);

describe('lineChart', () => {
  const svg = lineChart({
    title: 'Events per day',
    labels: ['2026-03-01', '2026-03-02', '2026-03-03'],
    series: [{ name: 'events', values: [0, 50, 100] }],
  });

  it('maps the highest point to the top of the plot and 0 to the x axis', () => {
    const points = elementsOf(svg, 'circle').map((circle) => Number(circle['cy']));
    const ys = gridLines(svg).map((line) => Number(line['y1']));
    expect(points[2]).toBe(Math.min(...ys));
    expect(points[0]).toBe(Math.max(...ys));
    expect(points[1]).toBeCloseTo((points[0] + points[2]) / 2, 1);
  });

  it('labels the y axis with nice ticks', () => {
    expect(textsOf(svg)).toEqual(expect.arrayContaining(['0', '20', '40', '60', '80', '100']));
  });

  it('is a standalone, accessible SVG with a viewBox, title and description', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 300"')).toBe(true);
    expect(svg).toMatch(/role="img" aria-labelledby="(chart-[0-9a-f]{8})-title \1-desc"/);
    expect(svg).toContain('<title id="chart-');
    expect(svg).toContain('>Events per day</title>');
    expect(isWellFormed(svg)).toBe(true);
  });

  it('breaks the line at a gap', () => {
    const gapped = lineChart({
      title: 't',
      labels: ['a', 'b', 'c', 'd'],
      series: [{ name: 's', values: [1, null, 3, 4] }],
    });
    const path = elementsOf(gapped, 'path')[0]['d'];
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/L/g)).toHaveLength(1);
  });

  it('draws each series in its own colour, with a legend', () => {
    const two = lineChart({
      title: 't',
      labels: ['a', 'b'],
      series: [
        { name: 'web', values: [1, 2] },
        { name: 'app', values: [2, 1] },
      ],
    });
    const strokes = elementsOf(two, 'path').map((path) => path['stroke']);
    expect(new Set(strokes).size).toBe(2);
    expect(textsOf(two)).toEqual(expect.arrayContaining(['web', 'app']));
  });

  it('escapes titles, series names and labels', () => {
    const hostile = lineChart({
      title: '<script>alert(1)</script>',
      labels: ['"><img src=x onerror=alert(1)>'],
      series: [{ name: 'a & b', values: [1] }],
    });
    expect(hostile).not.toContain('<script>');
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain('a &amp; b');
    expect(isWellFormed(hostile)).toBe(true);
  });

  it('gives the same string for the same input and different ids for different charts', () => {
    const again = lineChart({
      title: 'Events per day',
      labels: ['2026-03-01', '2026-03-02', '2026-03-03'],
      series: [{ name: 'events', values: [0, 50, 100] }],
    });
    const other = lineChart({ title: 'Events per day', labels: ['x'], series: [{ name: 'events', values: [5] }] });
    expect(again).toBe(svg);
    expect(other.match(/id="(chart-[0-9a-f]+)-title"/)?.[1]).not.toBe(svg.match(/id="(chart-[0-9a-f]+)-title"/)?.[1]);
  });

  it('thins x labels so that 90 daily labels do not overlap', () => {
    const labels = Array.from({ length: 90 }, (_, index) => `2026-01-${String(index).padStart(2, '0')}`);
    const many = lineChart({ title: 't', labels, series: [{ name: 's', values: labels.map((_, index) => index) }] });
    const shown = textsOf(many).filter((text) => text.startsWith('2026-'));
    expect(shown.length).toBeLessThan(12);
    expect(shown[shown.length - 1]).toBe(labels[89]);
  });
});
