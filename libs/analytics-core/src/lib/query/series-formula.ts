/**
 * Formulas over the series of a query (`A / B * 100`), read by a small recursive-descent parser: numbers,
 * series labels, + - * /, parentheses and unary minus, nothing else. The text is never evaluated as code;
 * it becomes a tree that `evaluateSeriesFormula` walks.
 */

export type SeriesFormulaOperator = '+' | '-' | '*' | '/';

export type SeriesFormulaExpression =
  | { kind: 'number'; value: number }
  | { kind: 'series'; label: string }
  | { kind: 'negate'; operand: SeriesFormulaExpression }
  | { kind: 'binary'; operator: SeriesFormulaOperator; left: SeriesFormulaExpression; right: SeriesFormulaExpression };

export const SERIES_FORMULA_LIMITS = {
  /** Characters of one formula. */
  maxLength: 500,
  /** Nesting of parentheses and unary minus: keeps the recursion shallow whatever the input. */
  maxDepth: 32,
} as const;

export type SeriesFormulaParse =
  /** `labels`: the series the formula names, each once, in order of first use. */
  | { ok: true; expression: SeriesFormulaExpression; labels: string[] }
  | { ok: false; message: string };

type Token =
  | { kind: 'number'; value: number; text: string; position: number }
  | { kind: 'label'; text: string; position: number }
  | { kind: 'operator'; text: SeriesFormulaOperator; position: number }
  | { kind: 'open' | 'close'; text: string; position: number };

const NUMBER = /^\d+(\.\d+)?/;
const LABEL = /^[A-Za-z][A-Za-z0-9_]*/;

/** Thrown inside the parser only; `parseSeriesFormula` turns it into a result. */
class FormulaSyntaxError extends Error {}

/**
 * `A / (B + C) * 100` → its tree. Precedence: unary minus, then * and /, then + and -, each
 * left-associative (`A - B - C` is `(A - B) - C`). Positions in messages count characters from 1.
 */
export function parseSeriesFormula(text: string): SeriesFormulaParse {
  if (text.length > SERIES_FORMULA_LIMITS.maxLength) return { ok: false, message: `must have at most ${SERIES_FORMULA_LIMITS.maxLength} characters` };
  try {
    const tokens = tokenize(text);
    if (tokens.length === 0) throw new FormulaSyntaxError('is empty: write an expression such as A / B * 100');
    const parser = new FormulaParser(tokens);
    const expression = parser.parse();
    return { ok: true, expression, labels: [...new Set(labelsOf(expression))] };
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * The formula's value for the given series values. Null in, null out (a series without a value makes
 * the result unknown), and a division by zero is null rather than Infinity or NaN.
 */
export function evaluateSeriesFormula(expression: SeriesFormulaExpression, valueOf: (label: string) => number | null): number | null {
  const value = evaluate(expression, valueOf);
  if (value === null || !Number.isFinite(value)) return null;
  return value === 0 ? 0 : value; // no -0 in answers
}

function evaluate(expression: SeriesFormulaExpression, valueOf: (label: string) => number | null): number | null {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'series':
      return valueOf(expression.label);
    case 'negate': {
      const operand = evaluate(expression.operand, valueOf);
      return operand === null ? null : -operand;
    }
    case 'binary': {
      const left = evaluate(expression.left, valueOf);
      const right = evaluate(expression.right, valueOf);
      if (left === null || right === null) return null;
      switch (expression.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return right === 0 ? null : left / right;
      }
    }
  }
}

function labelsOf(expression: SeriesFormulaExpression): string[] {
  switch (expression.kind) {
    case 'number':
      return [];
    case 'series':
      return [expression.label];
    case 'negate':
      return labelsOf(expression.operand);
    case 'binary':
      return [...labelsOf(expression.left), ...labelsOf(expression.right)];
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    const position = index + 1;
    if (character === ' ' || character === '\t') {
      index++;
      continue;
    }
    const rest = text.slice(index);
    const number = NUMBER.exec(rest);
    if (number) {
      const value = Number(number[0]);
      if (!Number.isFinite(value)) throw new FormulaSyntaxError(`has a number too large at character ${position}`);
      tokens.push({ kind: 'number', value, text: number[0], position });
      index += number[0].length;
      continue;
    }
    const label = LABEL.exec(rest);
    if (label) {
      tokens.push({ kind: 'label', text: label[0], position });
      index += label[0].length;
      continue;
    }
    if (character === '+' || character === '-' || character === '*' || character === '/') {
      tokens.push({ kind: 'operator', text: character, position });
    } else if (character === '(' || character === ')') {
      tokens.push({ kind: character === '(' ? 'open' : 'close', text: character, position });
    } else {
      throw new FormulaSyntaxError(
        `has ${JSON.stringify(character)} at character ${position}: only numbers, series labels, + - * / and parentheses are allowed`,
      );
    }
    index++;
  }
  return tokens;
}

/** expression := term (('+' | '-') term)*; term := unary (('*' | '/') unary)*; unary := '-' unary | primary; primary := number | label | '(' expression ')'. */
class FormulaParser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): SeriesFormulaExpression {
    const expression = this.expression();
    const extra = this.peek();
    if (extra) throw new FormulaSyntaxError(`expects an operator or the end at character ${extra.position}, not ${JSON.stringify(extra.text)}`);
    return expression;
  }

  private expression(): SeriesFormulaExpression {
    let left = this.term();
    for (let next = this.peek(); next?.kind === 'operator' && (next.text === '+' || next.text === '-'); next = this.peek()) {
      this.index++;
      left = { kind: 'binary', operator: next.text, left, right: this.term() };
    }
    return left;
  }

  private term(): SeriesFormulaExpression {
    let left = this.unary();
    for (let next = this.peek(); next?.kind === 'operator' && (next.text === '*' || next.text === '/'); next = this.peek()) {
      this.index++;
      left = { kind: 'binary', operator: next.text, left, right: this.unary() };
    }
    return left;
  }

  private unary(): SeriesFormulaExpression {
    const next = this.peek();
    if (next?.kind === 'operator' && next.text === '-') {
      this.index++;
      return this.nested(() => ({ kind: 'negate', operand: this.unary() }));
    }
    return this.primary();
  }

  private primary(): SeriesFormulaExpression {
    const token = this.peek();
    if (token === undefined) throw new FormulaSyntaxError('ends where a number, series label or ( is expected');
    this.index++;
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value };
      case 'label':
        return { kind: 'series', label: token.text };
      case 'open': {
        const inner = this.nested(() => this.expression());
        const close = this.peek();
        if (close?.kind !== 'close') {
          throw new FormulaSyntaxError(
            close === undefined ? `misses the ) closing the ( at character ${token.position}` : `expects ) at character ${close.position}, not ${JSON.stringify(close.text)}`,
          );
        }
        this.index++;
        return inner;
      }
      default:
        throw new FormulaSyntaxError(`expects a number, series label or ( at character ${token.position}, not ${JSON.stringify(token.text)}`);
    }
  }

  private nested(parse: () => SeriesFormulaExpression): SeriesFormulaExpression {
    if (++this.depth > SERIES_FORMULA_LIMITS.maxDepth) {
      throw new FormulaSyntaxError(`nests parentheses and minus signs more than ${SERIES_FORMULA_LIMITS.maxDepth} deep`);
    }
    const expression = parse();
    this.depth--;
    return expression;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }
}
