import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { EVENT_TYPES } from '../events/event-types';
import { PulseEventDto } from '../events/pulse-event.dto';
import {
  compiledValidationErrors,
  passesCompiledValidation,
  type AnyClass,
} from './compiled-validation';
import { toValidationIssues } from './validation-issues';

/**
 * The compiled check must never accept what class-validator rejects (it would let bad events through),
 * and must accept valid events (else every event pays the slow path). Where it does not model a case
 * (an array of arrays of items, which class-validator happens to accept) it says no and the caller runs
 * class-validator: slower, never wrong.
 * Checked on every registered type, from a valid event, with every field set to every value of a pool
 * of valid and invalid values.
 */
const OPTIONS = {
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

function classValidatorErrors(input: Record<string, unknown>) {
  return validateSync(
    plainToInstance(PulseEventDto, input, { enableImplicitConversion: false }),
    OPTIONS,
  );
}

function classValidatorAccepts(input: Record<string, unknown>): boolean {
  return classValidatorErrors(input).length === 0;
}

let issuesCompared = 0;
let inputsSeen = 0;

/** Where the compiled rules model a case, they name exactly the issues class-validator names. */
function expectSameIssues(
  input: Record<string, unknown>,
  label: unknown,
): void {
  inputsSeen += 1;
  const compiled = compiledValidationErrors(PulseEventDto, input);
  if (compiled === undefined) return;
  expect({ label, issues: toValidationIssues(compiled) }).toEqual({
    label,
    issues: toValidationIssues(classValidatorErrors(input)),
  });
  issuesCompared += 1;
}

const ITEM = { product_id: 'sku-1', price: 9.5, quantity: 2 };
const POOL: unknown[] = [
  undefined,
  null,
  '',
  'sku-1',
  'EUR',
  'eur',
  'XXX',
  'x'.repeat(300),
  'x'.repeat(3000),
  'bad\u0000nul',
  '2025-03-01T12:00:00Z',
  '2025-03-01',
  0,
  1,
  2,
  -1,
  0.5,
  1.5,
  -0.5,
  1e12,
  true,
  false,
  'true',
  '12.5',
  [],
  ['a'],
  [1],
  [ITEM],
  [{ ...ITEM, quantity: 0 }],
  [null],
  [[ITEM]],
  {},
  { a: 'b' },
  { a: 1 },
  { a: { b: 'c' } },
  '/path',
  'https://example.com/a',
  '10.0.0.1',
  '::1',
  'en-US',
  'not a locale!',
];

/** Values the registered rules name (IsIn lists), so enumerations get valid candidates too. */
function enumerationValues(): unknown[] {
  const values = new Set<unknown>();
  for (const definition of Object.values(EVENT_TYPES)) {
    for (const metadata of getMetadataStorage().getTargetValidationMetadatas(
      definition.propertiesClass,
      '',
      false,
      false,
      undefined as unknown as string[],
    )) {
      const [first] = metadata.constraints ?? [];
      if (Array.isArray(first)) for (const value of first) values.add(value);
    }
  }
  return [...values];
}

const CANDIDATES = [...POOL, ...enumerationValues()];

function declaredProperties(propertiesClass: AnyClass): string[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(
    propertiesClass,
    '',
    false,
    false,
    undefined as unknown as string[],
  );
  return [...new Set(metadatas.map((metadata) => metadata.propertyName))];
}

function withValue(
  object: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const copy = { ...object };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

/** A valid event of `type`: each declared property takes the first candidate that keeps the event valid. */
function validEventOf(
  type: string,
  propertiesClass: AnyClass,
): Record<string, unknown> {
  let properties: Record<string, unknown> = {};
  const base = { type, timestamp: '2025-03-01T12:00:00Z', userId: 'user-1' };
  // Required fields first get any accepted value, then each field is filled where it can be.
  for (let pass = 0; pass < 2; pass++) {
    for (const name of declaredProperties(propertiesClass)) {
      for (const candidate of CANDIDATES) {
        if (candidate === undefined) continue;
        const trial = withValue(properties, name, candidate);
        if (classValidatorAccepts({ ...base, properties: trial })) {
          properties = trial;
          break;
        }
        if (pass === 0 && !classValidatorAccepts({ ...base, properties })) {
          // Still invalid overall: keep the candidate only if it fixed this field's own errors.
          const errors = validateSync(
            plainToInstance(PulseEventDto, { ...base, properties: trial }),
            OPTIONS,
          );
          const propertyErrors =
            errors.find((error) => error.property === 'properties')?.children ??
            [];
          if (!propertyErrors.some((error) => error.property === name)) {
            properties = trial;
            break;
          }
        }
      }
    }
  }
  return { ...base, properties };
}

/** Compiled accepts ⇒ class-validator accepts; and they agree except on the one unmodelled shape. Returns class-validator's verdict. */
function expectSameOrSaferVerdict(
  input: Record<string, unknown>,
  label: unknown,
): boolean {
  const expected = classValidatorAccepts(input);
  const compiled = passesCompiledValidation(PulseEventDto, input);
  const unmodelled = JSON.stringify(input).includes('[[');
  expect({ label, compiled }).toEqual({
    label,
    compiled: unmodelled ? compiled && expected : expected,
  });
  expectSameIssues(input, label);
  return expected;
}

describe('passesCompiledValidation gives class-validator’s verdict', () => {
  const types = Object.entries(EVENT_TYPES);

  it.each(types)(
    '%s: a valid event and every one-field change of it',
    (type, definition) => {
      const valid = validEventOf(type, definition.propertiesClass);
      expect(classValidatorAccepts(valid)).toBe(true);
      expect(passesCompiledValidation(PulseEventDto, valid)).toBe(true);
      const properties = valid['properties'] as Record<string, unknown>;
      let compared = 0;
      for (const name of [
        ...declaredProperties(definition.propertiesClass),
        'undeclared_extra',
      ]) {
        for (const candidate of CANDIDATES) {
          const mutated = {
            ...valid,
            properties: withValue(properties, name, candidate),
          };
          expectSameOrSaferVerdict(mutated, { name, candidate });
          compared += 1;
        }
      }
      expect(compared).toBeGreaterThan(CANDIDATES.length);
    },
  );

  it('agrees on every top-level and context field of an event', () => {
    const valid = {
      type: 'page_view',
      timestamp: '2025-03-01T12:00:00Z',
      userId: 'user-1',
      anonymousId: 'anon-1',
      sessionId: 's-1',
      properties: { page: '/home' },
      context: {
        page: { url: 'https://example.com/home', path: '/home', title: 'Home' },
        userAgent: 'Mozilla/5.0',
        ip: '10.0.0.1',
        locale: 'en-US',
        device: { type: 'mobile' },
        campaign: { name: 'spring' },
        library: { name: 'sdk', version: '1.0.0' },
      },
    };
    expect(passesCompiledValidation(PulseEventDto, valid)).toBe(true);
    const context = valid.context as Record<string, unknown>;
    let rejected = 0;
    const check = (mutated: Record<string, unknown>) => {
      if (!expectSameOrSaferVerdict(mutated, mutated)) rejected += 1;
    };
    for (const candidate of CANDIDATES) {
      for (const field of [
        'eventId',
        'type',
        'category',
        'timestamp',
        'userId',
        'anonymousId',
        'sessionId',
        'properties',
        'context',
      ]) {
        check(withValue(valid, field, candidate));
      }
      for (const field of [
        'page',
        'referrer',
        'userAgent',
        'ip',
        'locale',
        'device',
        'campaign',
        'library',
      ]) {
        check({ ...valid, context: withValue(context, field, candidate) });
      }
      check({
        ...valid,
        context: {
          ...context,
          page: withValue(
            context['page'] as Record<string, unknown>,
            'title',
            candidate,
          ),
        },
      });
    }
    // Both without ids (a user event needs one), a machine event without any, a domain mismatch.
    check(
      withValue(
        withValue(valid, 'userId', undefined),
        'anonymousId',
        undefined,
      ),
    );
    check({
      type: 'system_metric',
      timestamp: '2025-03-01T12:00:00Z',
      properties: { name: 'cpu', value: 0.5, type: 'gauge' },
    });
    check({ ...valid, category: 'content' });
    expect(rejected).toBeGreaterThan(100);
  });

  it('named the issues itself for almost every input it was given', () => {
    // Runs after the cases above (jest keeps declaration order): they compared thousands of inputs.
    expect(inputsSeen).toBeGreaterThan(5000);
    expect(issuesCompared / inputsSeen).toBeGreaterThan(0.95);
  });
});
