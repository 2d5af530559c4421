import { evaluateSeriesFormula, parseSeriesFormula, SERIES_FORMULA_LIMITS } from './series-formula';

/** The formula's value with these series values (a label missing from `values` is an error in the test). */
function valueOf(formula: string, values: Record<string, number | null>): number | null {
  const parsed = parseSeriesFormula(formula);
  if (!parsed.ok) throw new Error(parsed.message);
  return evaluateSeriesFormula(parsed.expression, (label) => {
    if (!(label in values)) throw new Error(`no value for ${label}`);
    return values[label];
  });
}

function messageOf(formula: string): string {
  const parsed = parseSeriesFormula(formula);
  if (parsed.ok) throw new Error(`${formula} parsed`);
  return parsed.message;
}

describe('parseSeriesFormula and evaluateSeriesFormula', () => {
  it('turns 3 orders of 4 visitors into 75 percent', () => {
    expect(valueOf('A / B * 100', { A: 3, B: 4 })).toBe(75);
  });

  it.each([
    ['A + B * C', { A: 1, B: 2, C: 3 }, 7], // 1 + 6
    ['A * B + C', { A: 1, B: 2, C: 3 }, 5], // 2 + 3
    ['(A + B) * C', { A: 1, B: 2, C: 3 }, 9],
    ['A - B - C', { A: 10, B: 3, C: 2 }, 5], // (10 − 3) − 2, not 10 − (3 − 2)
    ['A / B / C', { A: 24, B: 4, C: 3 }, 2], // (24 / 4) / 3
    ['A - B * C / D', { A: 10, B: 6, C: 2, D: 4 }, 7], // 10 − (6 × 2) / 4
  ])('gives * and / precedence over + and -, each left to right: %s with %j is %d', (formula, values, expected) => {
    expect(valueOf(formula, values)).toBe(expected);
  });

  it.each([
    ['((A + 1) * (B - (C / 2)))', { A: 1, B: 5, C: 4 }, 6], // 2 × (5 − 2)
    ['(((A)))', { A: 7 }, 7],
    ['100 * (A - B) / (B)', { A: 6, B: 4 }, 50], // growth of 6 over 4: 50 %
  ])('reads nested parentheses: %s with %j is %d', (formula, values, expected) => {
    expect(valueOf(formula, values)).toBe(expected);
  });

  it.each([
    ['-A + B', { A: 2, B: 5 }, 3],
    ['-(A - B)', { A: 2, B: 5 }, 3],
    ['A * -B', { A: 3, B: 4 }, -12],
    ['-A * -B', { A: 3, B: 4 }, 12],
    ['--A', { A: 7 }, 7],
    ['A - -B', { A: 1, B: 2 }, 3],
    ['-2 * A', { A: 1.5 }, -3],
  ])('binds unary minus tighter than * and /: %s with %j is %d', (formula, values, expected) => {
    expect(valueOf(formula, values)).toBe(expected);
  });

  it('reads decimal numbers and labels of several letters', () => {
    expect(valueOf('2.5 * orders + 0.5', { orders: 4 })).toBe(10.5);
    expect(valueOf('Revenue_EUR / 2', { Revenue_EUR: 9 })).toBe(4.5);
  });

  it.each([
    ['A / B', { A: 5, B: 0 }],
    ['A / 0', { A: 5 }],
    ['0 / A', { A: 0 }],
    ['A / (B - C)', { A: 1, B: 3, C: 3 }],
    ['(A / B) * 0 + 1', { A: 1, B: 0 }], // null does not become a number again
  ])('gives null for a division by zero: %s', (formula, values) => {
    expect(valueOf(formula, values)).toBeNull();
  });

  it('gives null when a series has no value, even times zero', () => {
    expect(valueOf('A * 0', { A: null })).toBeNull();
    expect(valueOf('A + B', { A: 1, B: null })).toBeNull();
    expect(valueOf('-A', { A: null })).toBeNull();
  });

  it('answers 0, not -0, for the negation of zero', () => {
    expect(Object.is(valueOf('-A', { A: 0 }), 0)).toBe(true);
  });

  it('lists the series a formula names, each once, in order of first use', () => {
    expect(parseSeriesFormula('(B - A) / B + C * 2')).toMatchObject({ ok: true, labels: ['B', 'A', 'C'] });
    expect(parseSeriesFormula('42')).toMatchObject({ ok: true, labels: [] });
  });

  it.each([
    ['A % B', 'has "%" at character 3: only numbers, series labels, + - * / and parentheses are allowed'],
    ['Math.max(A, B)', 'has "." at character 5: only numbers, series labels, + - * / and parentheses are allowed'],
    ['A; DROP TABLE events', 'has ";" at character 2: only numbers, series labels, + - * / and parentheses are allowed'],
    ['A ^ 2', 'has "^" at character 3: only numbers, series labels, + - * / and parentheses are allowed'],
    ['A × B', 'has "×" at character 3: only numbers, series labels, + - * / and parentheses are allowed'],
    ['"A"', 'has "\\"" at character 1: only numbers, series labels, + - * / and parentheses are allowed'],
    ['A ** B', 'expects a number, series label or ( at character 4, not "*"'],
    ['+A', 'expects a number, series label or ( at character 1, not "+"'],
    ['A +', 'ends where a number, series label or ( is expected'],
    ['(A + B', 'misses the ) closing the ( at character 1'],
    ['(A B)', 'expects ) at character 4, not "B"'],
    ['A + B)', 'expects an operator or the end at character 6, not ")"'],
    ['2A', 'expects an operator or the end at character 2, not "A"'],
    ['1e3', 'expects an operator or the end at character 2, not "e3"'],
    ['A()', 'expects an operator or the end at character 2, not "("'],
    ['()', 'expects a number, series label or ( at character 2, not ")"'],
    ['', 'is empty: write an expression such as A / B * 100'],
    ['   ', 'is empty: write an expression such as A / B * 100'],
  ])('refuses %j', (formula, message) => {
    expect(messageOf(formula)).toBe(message);
  });

  it(`refuses more than ${SERIES_FORMULA_LIMITS.maxLength} characters and nesting deeper than ${SERIES_FORMULA_LIMITS.maxDepth}`, () => {
    expect(messageOf(`A${' + A'.repeat(125)}`)).toBe('must have at most 500 characters'); // 1 + 4 × 125 = 501
    expect(parseSeriesFormula(`A${' + A'.repeat(124)}`).ok).toBe(true);
    const depth = SERIES_FORMULA_LIMITS.maxDepth;
    expect(parseSeriesFormula(`${'('.repeat(depth)}A${')'.repeat(depth)}`).ok).toBe(true);
    expect(messageOf(`${'('.repeat(depth + 1)}A${')'.repeat(depth + 1)}`)).toBe('nests parentheses and minus signs more than 32 deep');
    expect(messageOf(`${'-'.repeat(depth + 1)}A`)).toBe('nests parentheses and minus signs more than 32 deep');
  });
});
