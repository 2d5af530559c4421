import { elementsOf, isWellFormed, textsOf } from '../testing/svg-elements';
import { funnelChart, funnelConversions } from './funnel-chart';

describe('funnelConversions', () => {
  it('divides each step by the first and by the previous one', () => {
    expect(
      funnelConversions([
        { label: 'view', count: 1000 },
        { label: 'cart', count: 400 },
        { label: 'buy', count: 100 },
      ]),
    ).toEqual([
      { label: 'view', count: 1000, fromStart: 1, fromPrevious: 1 },
      { label: 'cart', count: 400, fromStart: 0.4, fromPrevious: 0.4 },
      { label: 'buy', count: 100, fromStart: 0.1, fromPrevious: 0.25 },
    ]);
  });

  it('has no conversion when the step it divides by is 0', () => {
    const [first, second] = funnelConversions([
      { label: 'a', count: 0 },
      { label: 'b', count: 0 },
    ]);
    expect(first.fromStart).toBeNull();
    expect(second.fromPrevious).toBeNull();
  });
});

describe('funnelChart', () => {
  const svg = funnelChart({
    title: 'Checkout',
    steps: [
      { label: 'view', count: 1000 },
      { label: 'cart', count: 400 },
      { label: 'buy', count: 100 },
    ],
  });

  it('draws bars proportional to the counts', () => {
    const filled = elementsOf(svg, 'rect').filter((rect) => rect['fill'] === '#0072B2');
    const widths = filled.map((rect) => Number(rect['width']));
    expect(widths[1] / widths[0]).toBeCloseTo(0.4, 3);
    expect(widths[2] / widths[0]).toBeCloseTo(0.1, 3);
  });

  it('shows counts with the conversion from the first and from the previous step', () => {
    expect(textsOf(svg)).toEqual(
      expect.arrayContaining(['1k · 100%', '400 · 40%', '100 · 10%', '25% of previous step']),
    );
    expect(isWellFormed(svg)).toBe(true);
  });
});
