import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_SEGMENT_CONDITIONS, MAX_SEGMENT_MIN_TIMES, MAX_SEGMENT_WITHIN_DAYS, type SegmentDefinition, type SegmentEventRule } from '@pulse/analytics-core';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { EventMatcherDto, PropertyFilterDto } from './event-matcher.dto';

export class SegmentEventRuleDto extends EventMatcherDto implements SegmentEventRule {
  @ApiProperty({ description: 'At least this many matching events…', example: 2, minimum: 1, maximum: MAX_SEGMENT_MIN_TIMES })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_SEGMENT_MIN_TIMES)
  minTimes!: number;

  @ApiProperty({ description: '…in the last withinDays × 24 h before the query runs', example: 30, minimum: 1, maximum: MAX_SEGMENT_WITHIN_DAYS })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_SEGMENT_WITHIN_DAYS)
  withinDays!: number;
}

/** A definition must say something: at least one condition, at most MAX_SEGMENT_CONDITIONS. */
@ValidatorConstraint({ name: 'conditionCount' })
class HoldsConditions implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return true; // reported by isObject
    const definition = value as SegmentDefinitionDto;
    const count = (Array.isArray(definition.traitFilters) ? definition.traitFilters.length : 0) + (Array.isArray(definition.performed) ? definition.performed.length : 0);
    return count >= 1 && count <= MAX_SEGMENT_CONDITIONS;
  }

  defaultMessage(): string {
    return `definition must hold 1 to ${MAX_SEGMENT_CONDITIONS} conditions (traitFilters and performed together)`;
  }
}

export class SegmentDefinitionDto implements SegmentDefinition {
  @ApiPropertyOptional({ type: [PropertyFilterDto], description: "Filters on the person's traits (latest value of each, from identify events); all must hold" })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PropertyFilterDto)
  traitFilters?: PropertyFilterDto[];

  @ApiPropertyOptional({ type: [SegmentEventRuleDto], description: 'Events the person did at least minTimes times in the last withinDays days; all must hold' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SegmentEventRuleDto)
  performed?: SegmentEventRuleDto[];
}

export class CreateSegmentRequestDto {
  @ApiProperty({ description: 'Unique within the tenant', example: 'Pro buyers', minLength: 1, maxLength: 200 })
  @IsDefined()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000, example: 'Pro plan, bought at least twice in the last week' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ type: SegmentDefinitionDto })
  @IsDefined()
  @IsObject()
  @Validate(HoldsConditions)
  @ValidateNested()
  @Type(() => SegmentDefinitionDto)
  definition!: SegmentDefinitionDto;
}
