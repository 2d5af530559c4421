import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_RETENTION_PERIODS, RETENTION_PERIODS, type RetentionPeriod } from '@pulse/analytics-core';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { presentOrNull } from '@pulse/storage';
import { EventMatcherDto } from './event-matcher.dto';

/** YYYY-MM-DD naming a day that exists (not 2026-02-30). */
@ValidatorConstraint({ name: 'isCalendarDate' })
class IsCalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return true; // reported by the format rule
    const [year, month, day] = value.split('-').map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }

  defaultMessage({ property }: ValidationArguments): string {
    return `${property} must be a day that exists in the calendar`;
  }
}

export class RetentionRequestDto {
  @ApiProperty({ description: "A local date (tenant's time zone) in the first cohort period", example: '2026-03-02' })
  @IsDefined()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'start must be a date YYYY-MM-DD' })
  @Validate(IsCalendarDate)
  start!: string;

  @ApiProperty({ enum: RETENTION_PERIODS, example: 'week' })
  @IsDefined()
  @IsIn(RETENTION_PERIODS)
  period!: RetentionPeriod;

  @ApiProperty({ description: 'Number of periods N (cohorts and returns)', example: 12, minimum: 1, maximum: MAX_RETENTION_PERIODS })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_RETENTION_PERIODS)
  periods!: number;

  @ApiPropertyOptional({ type: EventMatcherDto, description: "Cohort by the person's first such event; first seen (any event) when absent" })
  @ValidateIf(presentOrNull)
  @IsObject()
  @ValidateNested()
  @Type(() => EventMatcherDto)
  cohortEvent?: EventMatcherDto;

  @ApiPropertyOptional({ type: EventMatcherDto, description: 'What counts as coming back; any event when absent' })
  @ValidateIf(presentOrNull)
  @IsObject()
  @ValidateNested()
  @Type(() => EventMatcherDto)
  returnEvent?: EventMatcherDto;

  @ApiPropertyOptional({ description: "Only persons in this saved segment (evaluated now)", format: 'uuid' })
  @IsOptional()
  @IsUUID()
  segmentId?: string;
}
