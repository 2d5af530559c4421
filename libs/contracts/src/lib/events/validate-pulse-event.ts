import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidatorOptions } from 'class-validator';
import {
  compiledValidationErrors,
  passesCompiledValidation,
} from '../validation/compiled-validation';
import {
  applySchemaPolicy,
  type SchemaPolicy,
} from '../validation/schema-policy';
import {
  toValidationIssues,
  ValidationIssue,
} from '../validation/validation-issues';
import { categoryOf } from './event-types';
import { PulseEventDto } from './pulse-event.dto';
import {
  applyPropertyMappings,
  type PropertyMapping,
} from './property-mappings';
import { EventCategory, EventContext, PulseEvent } from './pulse-event';
import { fieldNestedTooDeep, MAX_EVENT_NESTING } from '../validation/nesting';

export type PulseEventValidationResult =
  /** `violations`: property and context problems a lenient policy let through (absent when none). */
  | { ok: true; event: PulseEvent; violations?: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[] };

/** How a tenant wants its events checked; without options every problem rejects (strict, no mappings). */
export interface EventValidationOptions {
  policy?: SchemaPolicy;
  /** The tenant's property mappings, applied before validation. */
  mappings?: readonly PropertyMapping[];
}

const VALIDATOR_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

/**
 * Validates any input (parsed JSON) against the canonical event and the schema of its type.
 * Nothing is converted: the event returned holds the input's own values, with `category` filled
 * in from the registry when it was omitted. Unknown top-level fields are dropped.
 */
export function validatePulseEvent(
  input: unknown,
  options: EventValidationOptions = {},
): PulseEventValidationResult {
  const mapped = applyPropertyMappings(input, options.mappings);
  const issues = validatePlainObject(PulseEventDto, mapped, 'the event');
  if (issues.length === 0)
    return { ok: true, event: toPulseEvent(mapped as Record<string, unknown>) };
  const { rejecting, violations } = applySchemaPolicy(
    issues,
    options.policy ?? 'strict',
  );
  if (rejecting.length > 0) return { ok: false, errors: rejecting };
  return {
    ok: true,
    event: toPulseEvent(mapped as Record<string, unknown>),
    violations,
  };
}

/** class-validator over a plain object, transformed without implicit conversion. */
export function validatePlainObject<T extends object>(
  dtoClass: ClassConstructor<T>,
  input: unknown,
  description: string,
): ValidationIssue[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [
      {
        field: '',
        rule: 'isObject',
        message: `${description} must be a JSON object`,
      },
    ];
  }
  const tooDeep = fieldNestedTooDeep(input, MAX_EVENT_NESTING);
  if (tooDeep !== undefined) {
    return [
      {
        field: tooDeep,
        rule: 'maxNesting',
        message: `${tooDeep} nests arrays or objects more than ${MAX_EVENT_NESTING} levels deep`,
      },
    ];
  }
  // Most input is valid: answer it from the compiled rules, which also name what is wrong; class-validator
  // itself runs only where they do not model a case.
  const plain = input as Record<string, unknown>;
  if (passesCompiledValidation(dtoClass as new () => object, plain)) return [];
  const errors = compiledValidationErrors(dtoClass as new () => object, plain);
  if (errors !== undefined) return toValidationIssues(errors);
  const instance = plainToInstance(dtoClass, input, {
    enableImplicitConversion: false,
  });
  return toValidationIssues(validateSync(instance, VALIDATOR_OPTIONS));
}

/** Builds the typed event from validated input, in a stable key order. */
function toPulseEvent(input: Record<string, unknown>): PulseEvent {
  const type = input['type'] as string;
  const event: PulseEvent = {
    ...presentOnly({ eventId: input['eventId'] as string | undefined }),
    type,
    category: categoryOf(
      type,
      (input['category'] ?? undefined) as EventCategory | undefined,
    ),
    timestamp: input['timestamp'] as string,
    ...presentOnly({
      userId: input['userId'] as string | undefined,
      anonymousId: input['anonymousId'] as string | undefined,
      sessionId: input['sessionId'] as string | undefined,
    }),
    properties: input['properties'] as Record<string, unknown>,
    ...presentOnly({ context: input['context'] as EventContext | undefined }),
  };
  return event;
}

/** Drops fields that are null or undefined, so an absent field stays absent in JSON and in tests. */
export function presentOnly<T extends Record<string, unknown>>(
  fields: T,
): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value != null),
  ) as Partial<T>;
}
