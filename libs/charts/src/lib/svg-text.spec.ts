import { escapeXml, formatCompactNumber, formatPercent, truncateLabel } from './svg-text';

describe('svg text', () => {
  it('escapes markup characters and drops the control characters XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001\u0008`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeXml('tab\tand\nnewline')).toBe('tab\tand\nnewline');
  });

  it('writes numbers compactly with at most two decimals', () => {
    expect([0, 7, 0.125, 999, 1234, 2_500_000, -1500, 3e9].map(formatCompactNumber)).toEqual([
      '0',
      '7',
      '0.13',
      '999',
      '1.23k',
      '2.5M',
      '-1.5k',
      '3B',
    ]);
  });

  it('writes shares as percentages with one decimal at most', () => {
    expect([0, 0.25, 0.4567, 1].map(formatPercent)).toEqual(['0%', '25%', '45.7%', '100%']);
  });

  it('cuts long labels with an ellipsis', () => {
    expect(truncateLabel('/pricing/enterprise', 10)).toBe('/pricing/…');
    expect(truncateLabel('short', 10)).toBe('short');
  });
});
