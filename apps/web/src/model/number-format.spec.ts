import { formatChange, formatCompact, formatNumber } from './number-format';

describe('formatNumber', () => {
  it('groups thousands and shows whole numbers without decimals', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(0)).toBe('0');
  });

  it('keeps at most two decimals of a fractional number', () => {
    expect(formatNumber(1234.5678)).toBe('1,234.57');
    expect(formatNumber(0.5)).toBe('0.5');
  });

  it('writes a currency with two decimals', () => {
    expect(formatNumber(1234.5, 'currency')).toBe('$1,234.50');
    expect(formatNumber(99, 'currency', 'EUR')).toBe('€99.00');
  });

  it('writes a fraction as a percent with one decimal', () => {
    expect(formatNumber(0.1234, 'percent')).toBe('12.3 %');
    expect(formatNumber(1, 'percent')).toBe('100 %');
  });

  it('shows a dash for a missing or non-finite value', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});

describe('formatCompact', () => {
  it('abbreviates thousands and millions', () => {
    expect(formatCompact(1500)).toBe('1.5K');
    expect(formatCompact(2_000_000)).toBe('2M');
    expect(formatCompact(42)).toBe('42');
  });
});

describe('formatChange', () => {
  it('signs a rise and a fall', () => {
    expect(formatChange(0.125)).toBe('+12.5 %');
    expect(formatChange(-0.03)).toBe('\u22123 %');
    expect(formatChange(0)).toBe('0 %');
  });

  it('says n/a when there was nothing to compare with', () => {
    expect(formatChange(null)).toBe('n/a');
  });
});
