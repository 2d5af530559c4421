import { uniqueSheetName } from './xlsx-sheet-names';

describe('uniqueSheetName', () => {
  const none = new Set<string>();

  it('keeps a short plain title', () => {
    expect(uniqueSheetName('Orders per day', none, 'Section 1')).toBe('Orders per day');
  });

  it('cuts to 31 characters', () => {
    const name = uniqueSheetName('Product view to purchase conversion by device', none, 'Section 1');
    expect(name).toBe('Product view to purchase conver');
    expect(name).toHaveLength(31);
  });

  it('replaces the characters Excel forbids and trims apostrophes at the ends', () => {
    expect(uniqueSheetName("'Q1/Q2: [a*b]? \\ c'", none, 'Section 1')).toBe('Q1 Q2 a b c');
  });

  it('numbers a repeated name, case-insensitively, within the limit', () => {
    const taken = new Set(['Summary', 'Revenue per day for all shops x']);
    expect(uniqueSheetName('summary', taken, 'Section 2')).toBe('summary (2)');
    expect(uniqueSheetName('Revenue per day for all shops x', taken, 'Section 3')).toBe('Revenue per day for all sho (2)');
    expect(uniqueSheetName('Summary', new Set(['Summary', 'Summary (2)']), 'Section 4')).toBe('Summary (3)');
  });

  it('falls back for an empty or reserved name', () => {
    expect(uniqueSheetName('[]?', none, 'Section 5')).toBe('Section 5');
    expect(uniqueSheetName('History', none, 'Section 6')).toBe('Section 6');
  });
});
