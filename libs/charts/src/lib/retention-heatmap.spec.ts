import { elementsOf, isWellFormed, textsOf } from '../testing/svg-elements';
import { EMPTY_CELL_COLOUR, sequentialBlue } from './chart-palette';
import { retentionHeatmap } from './retention-heatmap';

describe('retentionHeatmap', () => {
  const svg = retentionHeatmap({
    title: 'Weekly retention',
    periodLabels: ['Week 0', 'Week 1', 'Week 2'],
    cohorts: [
      { label: '2026-03-02', size: 200, values: [1, 0.25, 0] },
      { label: '2026-03-09', size: 150, values: [1, 0.5, null] },
    ],
  });
  const cells = elementsOf(svg, 'rect').filter((rect) => rect['fill'] !== '#ffffff');

  it('draws one cell per cohort and period, shaded by the share', () => {
    expect(cells).toHaveLength(6);
    expect(cells.map((cell) => cell['fill'])).toEqual([
      sequentialBlue(1),
      sequentialBlue(0.25),
      sequentialBlue(0),
      sequentialBlue(1),
      sequentialBlue(0.5),
      EMPTY_CELL_COLOUR,
    ]);
    expect(sequentialBlue(1)).toBe('#08306b');
    expect(sequentialBlue(0)).toBe('#eff6ff');
  });

  it('labels cells with percentages, leaves not-yet-reached periods blank, and shows cohort sizes', () => {
    const texts = textsOf(svg);
    expect(texts.filter((text) => text.endsWith('%'))).toEqual(['100%', '25%', '0%', '100%', '50%']);
    expect(texts).toEqual(expect.arrayContaining(['Week 0', '2026-03-02 (200)']));
    expect(isWellFormed(svg)).toBe(true);
  });

  it('places later periods to the right and later cohorts below', () => {
    expect(Number(cells[1]['x'])).toBeGreaterThan(Number(cells[0]['x']));
    expect(Number(cells[3]['y'])).toBeGreaterThan(Number(cells[0]['y']));
  });
});
