import { elementsOf, isWellFormed, textsOf } from '../testing/svg-elements';
import { barChart } from './bar-chart';

const bars = (svg: string) => elementsOf(svg, 'rect').filter((rect) => rect['fill'] !== '#ffffff');

describe('barChart', () => {
  it('draws vertical bars whose heights are proportional to the values', () => {
    const svg = barChart({
      title: 'Orders',
      bars: [
        { label: 'web', value: 50 },
        { label: 'app', value: 100 },
      ],
    });
    const [web, app] = bars(svg);
    expect(Number(web['height']) / Number(app['height'])).toBeCloseTo(0.5, 2);
    expect(Number(web['y']) + Number(web['height'])).toBeCloseTo(Number(app['y']) + Number(app['height']), 2);
    expect(textsOf(svg)).toEqual(expect.arrayContaining(['web', 'app', '50', '100']));
  });

  it('turns horizontal when labels are long, bar widths proportional to the values', () => {
    const svg = barChart({
      title: 'Pages',
      bars: [
        { label: '/pricing/enterprise-plan', value: 300 },
        { label: '/blog/how-we-count', value: 100 },
      ],
    });
    const [first, second] = bars(svg);
    expect(Number(second['width']) / Number(first['width'])).toBeCloseTo(1 / 3, 2);
    expect(first['x']).toBe(second['x']);
    expect(isWellFormed(svg)).toBe(true);
  });

  it('leaves a missing value without a bar', () => {
    const svg = barChart({
      title: 't',
      bars: [
        { label: 'a', value: null },
        { label: 'b', value: 2 },
      ],
    });
    expect(bars(svg)).toHaveLength(1);
  });

  it('escapes labels', () => {
    const svg = barChart({ title: 't', bars: [{ label: '<b>&', value: 1 }] });
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
  });
});
