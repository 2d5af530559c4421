import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsNumber,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { isIsoTimestampWithOffset } from './timestamps';

/**
 * The rules event schemas are written in. Each one is a group of class-validator rules with a
 * message that names the field (`$property`, later widened to the full path) and says what is
 * expected. Presence is stated separately with `@IsRequired()` or class-validator's `@IsOptional()`.
 *
 * None of them converts: a number sent as the string "12.5" fails `@IsAmount()`.
 */

/**
 * When a field is absent, or of the wrong type, the remaining rules on it only repeat the problem
 * ("must not be negative" for a string): reports keep the most basic failure.
 */
export const PRESENCE_RULES: readonly string[] = ['isDefined', 'atLeastOneOf'];
export const TYPE_RULES: readonly string[] = [
  'isString',
  'isNumber',
  'isInt',
  'isBoolean',
  'isObject',
  'isArray',
];

function allOf(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const decorate of decorators) decorate(target, propertyKey);
  };
}

const MUST_BE_STRING = { message: '$property must be a string' };
const MUST_BE_NUMBER = {
  message: '$property must be a number (numbers sent as strings are rejected)',
};
const MUST_BE_INTEGER = {
  message:
    '$property must be an integer (numbers sent as strings are rejected)',
};

export const IsRequired = (): PropertyDecorator =>
  IsDefined({ message: '$property is required' });

/** Ids: event, user, session, order, content, conversation, job… */
export const IsIdentifier = (): PropertyDecorator =>
  allOf(
    IsString(MUST_BE_STRING),
    Length(1, 128, { message: '$property must be 1 to 128 characters long' }),
  );

export const IsText = (maxLength = 256): PropertyDecorator =>
  allOf(
    IsString(MUST_BE_STRING),
    MaxLength(maxLength, {
      message: `$property must be at most ${maxLength} characters long`,
    }),
  );

export const IsUrlText = (): PropertyDecorator => IsText(2048);

export const IsFiniteNumber = (): PropertyDecorator =>
  IsNumber({ allowNaN: false, allowInfinity: false }, MUST_BE_NUMBER);

/** Money, durations, positions in a media stream: any number ≥ 0. */
export const IsAmount = (): PropertyDecorator =>
  allOf(
    IsFiniteNumber(),
    Min(0, { message: '$property must not be negative' }),
  );

/** Token counts, record counts, milliseconds: whole numbers ≥ 0. */
export const IsCount = (): PropertyDecorator =>
  allOf(
    IsInt(MUST_BE_INTEGER),
    Min(0, { message: '$property must not be negative' }),
  );

/** Quantities and 1-based ranks: whole numbers ≥ 1. */
export const IsPositiveCount = (): PropertyDecorator =>
  allOf(
    IsInt(MUST_BE_INTEGER),
    Min(1, { message: '$property must be at least 1' }),
  );

/** Scores and confidences in [0, 1]. */
export const IsRatio = (): PropertyDecorator =>
  allOf(
    IsFiniteNumber(),
    Min(0, { message: '$property must be between 0 and 1' }),
    Max(1, { message: '$property must be between 0 and 1' }),
  );

/** Sentiment scores in [-1, 1]. */
export const IsSignedRatio = (): PropertyDecorator =>
  allOf(
    IsFiniteNumber(),
    Min(-1, { message: '$property must be between -1 and 1' }),
    Max(1, { message: '$property must be between -1 and 1' }),
  );

export const IsOneOf = (
  values: readonly (string | number)[],
): PropertyDecorator =>
  IsIn([...values], {
    message: `$property must be one of: ${values.join(', ')}`,
  });

export const IsFlag = (): PropertyDecorator =>
  IsBoolean({
    message:
      '$property must be true or false (booleans sent as strings are rejected)',
  });

export const IsCurrencyCode = (): PropertyDecorator =>
  allOf(
    IsString(MUST_BE_STRING),
    Matches(/^[A-Z]{3}$/, {
      message:
        '$property must be an upper-case ISO 4217 currency code such as USD',
    }),
    IsISO4217CurrencyCode({
      message: '$property must be an ISO 4217 currency code such as USD',
    }),
  );

export const IsPlainObject = (): PropertyDecorator =>
  IsObject({ message: '$property must be an object' });

/** snake_case names such as event types: lower-case letters, digits and single underscores. */
export const SNAKE_CASE_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

export const IsSnakeCaseName = (maxLength = 64): PropertyDecorator =>
  allOf(
    IsText(maxLength),
    Matches(SNAKE_CASE_NAME, {
      message:
        '$property must be snake_case (lower-case letters, digits and underscores, starting with a letter)',
    }),
  );

export const IsStringList = (maxItems = 100): PropertyDecorator =>
  registerRule(
    'isStringList',
    `$property must be a list of at most ${maxItems} strings`,
    (value) =>
      Array.isArray(value) &&
      value.length <= maxItems &&
      value.every((item) => typeof item === 'string'),
  );

/** Metric tags: an object whose values are all strings, as the system-metric spec types them. */
export const IsStringMap = (): PropertyDecorator =>
  registerRule(
    'isStringMap',
    '$property must be an object whose values are all strings',
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).every((item) => typeof item === 'string'),
  );

export const IsTimestamp = (): PropertyDecorator =>
  registerRule(
    'isTimestamp',
    '$property must be an ISO-8601 date-time with a time-zone offset, such as 2025-03-01T12:00:00Z',
    isIsoTimestampWithOffset,
  );

/**
 * Fails only when both this field and `otherProperty` are absent. Put it on a field whose own rules
 * run under `@ValidateIf(o => o.field != null || o.other == null)`: class-validator's `@IsOptional()`
 * would skip every rule on the field when it is absent, including this one.
 */
export const RequiresThisOr = (otherProperty: string): PropertyDecorator =>
  registerRule(
    'atLeastOneOf',
    `$property or ${otherProperty} is required: send at least one of them`,
    (value, args) =>
      value != null ||
      (args.object as Record<string, unknown>)[otherProperty] != null,
    // Read back by the issue list, to name the sibling by its full path too.
    { otherProperty },
  );

export function registerRule(
  name: string,
  message: string | ((args: ValidationArguments) => string),
  validate: (value: unknown, args: ValidationArguments) => boolean,
  context?: Record<string, unknown>,
): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message, context },
      validator: { validate },
    });
}
