import { ApiProperty } from '@nestjs/swagger';
import { daysBetweenInclusive, isLocalDate } from '@pulse/analytics-core';
import { IsDefined, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Longest range a domain query may span: two years of local days. */
export const MAX_RANGE_DAYS = 731;

/** `from` and `to` as the tenant's local calendar days, both included (the spec's start_date / end_date). */
export class LocalDateRangeQuery {
  @ApiProperty({ description: "First local day (YYYY-MM-DD) in the tenant's time zone, included", example: '2025-03-01' })
  @IsDefined()
  @IsLocalDateText()
  from!: string;

  @ApiProperty({ description: `Last local day (YYYY-MM-DD), included; on or after from, at most ${MAX_RANGE_DAYS} days in all`, example: '2025-03-31' })
  @IsDefined()
  @IsLocalDateText()
  @IsOnOrAfter('from')
  @SpansAtMostDays('from', MAX_RANGE_DAYS)
  to!: string;
}

export function IsLocalDateText(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a calendar date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isLocalDate(value) },
    });
}

/** The date is the same as or later than the sibling field's (skipped while either is not a date). */
export function IsOnOrAfter(startField: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOnOrAfter',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [startField],
      options: { message: `${String(propertyName)} must not be before ${startField}`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          withDates(value, args, (start, end) => daysBetweenInclusive(start, end) >= 1),
      },
    });
}

/** From the sibling start date to this date, both included, is at most `maxDays` days. */
export function SpansAtMostDays(startField: string, maxDays: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxRangeDays',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [startField, maxDays],
      options: { message: `${startField} … ${String(propertyName)} must span at most ${maxDays} days`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          withDates(value, args, (start, end) => daysBetweenInclusive(start, end) <= maxDays),
      },
    });
}

/** Cross-field rules hold vacuously until both fields are dates: the per-field rules report those. */
function withDates(value: unknown, args: ValidationArguments, rule: (start: string, end: string) => boolean): boolean {
  const start = (args.object as Record<string, unknown>)[args.constraints[0] as string];
  if (typeof value !== 'string' || typeof start !== 'string' || !isLocalDate(value) || !isLocalDate(start)) return true;
  return rule(start, value);
}
