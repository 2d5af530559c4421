import { csvTextCell, neutraliseFormula, quoteCsvCell } from './csv-cells';

describe('CSV cells', () => {
  it('leaves plain text as it is', () => {
    expect(csvTextCell('order_completed')).toBe('order_completed');
  });

  it('writes null as the empty cell', () => {
    expect(csvTextCell(null)).toBe('');
  });

  it('quotes a cell with a comma, a quote or a line break and doubles its quotes (RFC 4180)', () => {
    expect(quoteCsvCell('a,b')).toBe('"a,b"');
    expect(quoteCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(quoteCsvCell('cr\rlf')).toBe('"cr\rlf"');
  });

  it.each(['=SUM(A1:A2)', '+1', '-1', '@cmd', '\tx', '\rx'])('prefixes %j with an apostrophe so no spreadsheet runs it', (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it('leaves a cell alone when the formula character is not the first', () => {
    expect(neutraliseFormula('a=b')).toBe('a=b');
  });

  it('neutralises before quoting', () => {
    expect(csvTextCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvTextCell('\rsecond')).toBe(`"'\rsecond"`);
  });
});
