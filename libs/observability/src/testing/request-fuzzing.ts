import fc from 'fast-check';

/**
 * Property-based fuzzing of request bodies: near-valid bodies (a valid one with one to three fields broken,
 * removed or added) and wild JSON. Runs and seed come from the environment so a failure can be replayed and
 * a longer run asked for: `PULSE_FUZZ_RUNS` multiplies nothing, it replaces each property's default count.
 */
export const FUZZ_SEED = Number(process.env['PULSE_FUZZ_SEED'] ?? 20261207);

/** Runs of one property: `PULSE_FUZZ_RUNS` when set (a positive integer), else the suite's default. */
export function fuzzRuns(defaultRuns: number): number {
  const configured = Number(process.env['PULSE_FUZZ_RUNS']);
  return Number.isInteger(configured) && configured > 0 ? configured : defaultRuns;
}

/** For the suites' titles: the seed and whether the runs were configured. */
export function fuzzLabel(): string {
  return `fast-check seed ${FUZZ_SEED}, ${fuzzRuns(0) > 0 ? `PULSE_FUZZ_RUNS=${fuzzRuns(0)}` : 'default runs'}`;
}

/** fast-check's parameters: the fixed seed, stopping at the first failure (whose report names seed and path). */
export function fuzzParameters(defaultRuns: number): fc.Parameters<unknown> {
  return { numRuns: fuzzRuns(defaultRuns), seed: FUZZ_SEED, endOnFailure: true };
}

/** Strings that break parsers, encoders and SQL drivers: NUL, lone surrogates, bidi controls, long and injection-like text. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff x',
  '\u202e\u2066reversed',
  '\ufeff',
  '🙂'.repeat(50),
  'é'.normalize('NFD'),
  'x'.repeat(5_000),
  "'; drop table events;--",
  '") OR 1=1 --',
  '$1',
  '%',
  '_',
  '\\',
  '"',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  '[]',
  '{}',
];

export const NASTY_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1.5,
  0.1,
  1e-320,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
];

/** Timestamps at and past the edges of what JavaScript, PostgreSQL and the ISO format accept. */
export const NASTY_TIMESTAMPS: readonly string[] = [
  '1970-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1900-02-29T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-03-01T24:00:00Z',
  '2026-03-01T23:59:60Z',
  '2026-03-01T00:00:00',
  '2026-03-01T00:00:00+25:00',
  '2026-03-01T00:00:00+14:00',
  '2026-03-01T00:00:00-12:00',
  '2026-03-01T00:00:00.123456789Z',
  '2026-03-01',
  '2026-3-1',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '4714-11-24T00:00:00Z',
  '294277-01-01T00:00:00Z',
  'now',
  'yesterday',
];

const smallJson = fc.jsonValue({ maxDepth: 2 });

/** A nested value `depth` levels deep (arrays or objects), to probe recursion in validation and mapping. */
export function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/**
 * Values nested thousands of levels deep stand in the generated bodies as these markers, replaced by their
 * JSON text only when the body is sent: fast-check and jest print and compare values recursively.
 */
const VERY_DEEP: Record<string, string> = {
  '<2000 nested arrays>': `${'['.repeat(2_000)}1${']'.repeat(2_000)}`,
  '<2000 nested objects>': `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`,
};

/** The JSON text of a generated body, the very deep markers expanded. */
export function toJsonText(body: unknown): string {
  let text = JSON.stringify(body) ?? 'null';
  for (const [marker, json] of Object.entries(VERY_DEEP)) text = text.split(JSON.stringify(marker)).join(json);
  return text;
}

/** Any value a broken client might put in a field: wrong types, edge numbers, odd text, deep nesting. */
export const edgeValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom<unknown>(...NASTY_STRINGS), weight: 4 },
  { arbitrary: fc.constantFrom<unknown>(...NASTY_NUMBERS), weight: 3 },
  { arbitrary: fc.constantFrom<unknown>(...NASTY_TIMESTAMPS), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], [[]], { '': 1 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: smallJson, weight: 2 },
  { arbitrary: fc.constantFrom(deeplyNested(40, 'array'), deeplyNested(40, 'object'), ...Object.keys(VERY_DEEP)), weight: 1 },
  { arbitrary: fc.array(fc.constantFrom<unknown>('a', 1, null, {}), { minLength: 200, maxLength: 300 }), weight: 1 },
);

type JsonPath = Array<string | number>;

/** Every path into a JSON value (objects' keys and arrays' indices), the root excluded. */
export function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
  }
  return [];
}

export type Edit = { kind: 'replace'; value: unknown } | { kind: 'delete' } | { kind: 'addKey'; key: string; value: unknown } | { kind: 'enumNearMiss' };

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: edgeValue.map((value): Edit => ({ kind: 'replace', value })), weight: 6 },
  { arbitrary: fc.constant<Edit>({ kind: 'delete' }), weight: 2 },
  { arbitrary: fc.constant<Edit>({ kind: 'enumNearMiss' }), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'colour', 'tenantId', 'tenant_id', '', ' '), fc.string({ maxLength: 12 })), edgeValue)
      .map(([key, value]): Edit => ({ kind: 'addKey', key, value })),
    weight: 1,
  },
);

/** A string enum value almost right: another case, padded, a sibling that does not exist. */
function nearMiss(value: unknown): unknown {
  if (typeof value === 'string') return value === '' ? ' ' : [value.toUpperCase(), ` ${value}`, `${value}s`, value.slice(0, -1)][value.length % 4];
  if (typeof value === 'number') return value === 0 ? -1 : -value;
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** `base` (not changed) with `edit` applied at `path`; an object key set to JSON's own `__proto__` is an own property, as JSON.parse makes it. */
export function applyEdit(base: unknown, path: JsonPath, edit: Edit): unknown {
  const copy = structuredClone(base);
  if (path.length === 0) return copy;
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], copy) as
    | Record<string | number, unknown>
    | unknown[]
    | undefined;
  if (parent === null || typeof parent !== 'object') return copy;
  const last = path[path.length - 1] as string | number;
  const target = parent as Record<string | number, unknown>;
  if (edit.kind === 'delete') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete target[last];
  } else if (edit.kind === 'replace') {
    target[last] = edit.value;
  } else if (edit.kind === 'enumNearMiss') {
    target[last] = nearMiss(target[last]) ?? null;
  } else {
    const holder = target[last] !== null && typeof target[last] === 'object' && !Array.isArray(target[last]) ? (target[last] as Record<string, unknown>) : target;
    Object.defineProperty(holder, edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** A valid body from `valid` with one to three fields broken (replaced, removed, nearly right, or an extra key). */
export function nearValid(valid: fc.Arbitrary<object>): fc.Arbitrary<unknown> {
  return valid.chain((base) => {
    const paths = pathsOf(base);
    const edit = fc.tuple(fc.constantFrom(...paths), editArbitrary);
    return fc
      .array(edit, { minLength: 1, maxLength: 3 })
      .map((edits) => edits.reduce<unknown>((body, [path, change]) => applyEdit(body, path, change), base));
  });
}

/** Anything that is JSON: scalars, arrays, objects of any shape. */
export const wildJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.string({ maxLength: 16 }), edgeValue, { maxKeys: 8 }),
  edgeValue,
);

/** An HTTP answer: status and parsed body (or the text when it is not JSON). */
export interface FuzzAnswer {
  status: number;
  body: unknown;
}

/**
 * What every answer to a fuzzed request must be: no 5xx, and a 4xx that says what is wrong — a non-empty
 * `message` and, when the body lists `errors`, each with a non-empty field, rule and message. Returns the
 * problem found, or undefined.
 */
export function problemWithAnswer(answer: FuzzAnswer, options: { fieldErrorsOn400?: boolean; emptyFieldIsTheWhole?: boolean } = {}): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status < 200 || (answer.status >= 300 && answer.status < 400)) return `answered ${answer.status}, neither 2xx nor 4xx`;
  if (answer.status < 300) return undefined;
  const body = answer.body as { message?: unknown; errors?: unknown } | undefined;
  if (body === null || typeof body !== 'object') return `a ${answer.status} without a JSON body`;
  const message = Array.isArray(body.message) ? body.message.join(' ') : body.message;
  if (typeof message !== 'string' || message.trim() === '') return `a ${answer.status} without a message`;
  if (body.errors === undefined) return options.fieldErrorsOn400 && answer.status === 400 ? 'a 400 without errors: [{ field, rule, message }]' : undefined;
  return problemWithIssues(body.errors, options);
}

/**
 * A list of `{ field, rule, message }` that says what is wrong: not empty, each part a non-empty string.
 * `emptyFieldIsTheWhole`: the event contracts name the event itself (too large, not an object) by the field `''`.
 */
export function problemWithIssues(issues: unknown, options: { emptyFieldIsTheWhole?: boolean } = {}): string | undefined {
  if (!Array.isArray(issues) || issues.length === 0) return `errors are not a non-empty list: ${JSON.stringify(issues)}`;
  for (const issue of issues as Array<Record<string, unknown>>) {
    for (const key of ['field', 'rule', 'message']) {
      const value = issue?.[key];
      const mayBeEmpty = key === 'field' && options.emptyFieldIsTheWhole === true;
      if (typeof value !== 'string' || (!mayBeEmpty && value.trim() === '')) return `an error without a ${key}: ${JSON.stringify(issue)}`;
    }
  }
  return undefined;
}

/** Counts answers by status and by the first error's rule, for the suite's summary line. */
export class AnswerTally {
  private readonly counts = new Map<string, number>();
  total = 0;
  successes = 0;

  add(answer: FuzzAnswer): void {
    this.total += 1;
    if (answer.status < 300) this.successes += 1;
    const errors = (answer.body as { errors?: Array<{ rule?: string }> } | undefined)?.errors;
    const rule = Array.isArray(errors) ? errors[0]?.rule : undefined;
    const key = rule === undefined ? String(answer.status) : `${answer.status} ${rule}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  toString(): string {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([key, count]) => `${key}: ${count}`)
      .join(', ');
  }
}
