import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BEHAVIOUR_PROPERTY_NAME_PATTERN,
  FUNNEL_ORDERS,
  FUNNEL_START_MODES,
  FUNNEL_WINDOW_UNITS,
  type FunnelOrder,
  type FunnelStartMode,
  type FunnelWindowUnit,
} from '@pulse/analytics-core';
import { Type } from 'class-transformer';
import { presentOrNull } from '@pulse/storage';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { EventMatcherDto, PROPERTY_NAME_RULE } from './event-matcher.dto';
import { TimeRangeDto } from './time-range.dto';

export const MAX_FUNNEL_STEPS = 10;
export const MAX_FUNNEL_EXCLUSIONS = 10;
export const MAX_CONVERSION_WINDOW_SECONDS = 90 * 86_400;

export class ConversionWindowDto {
  @ApiProperty({ description: 'How many units; the window is at most 90 days', example: 7, minimum: 1 })
  @IsDefined()
  @IsInt()
  @Min(1)
  value!: number;

  @ApiProperty({ enum: FUNNEL_WINDOW_UNITS, example: 'day' })
  @IsDefined()
  @IsIn(FUNNEL_WINDOW_UNITS)
  unit!: FunnelWindowUnit;
}

export class FunnelExclusionDto extends EventMatcherDto {
  @ApiProperty({ description: 'The excluded event counts after this step (1-based)…', example: 1, minimum: 1, maximum: MAX_FUNNEL_STEPS - 1 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_FUNNEL_STEPS - 1)
  afterStep!: number;

  @ApiProperty({ description: '…and before this one (after afterStep, at most the number of steps): a chain with such an event in between does not reach it', example: 2, minimum: 2, maximum: MAX_FUNNEL_STEPS })
  @IsDefined()
  @IsInt()
  @Min(2)
  @Max(MAX_FUNNEL_STEPS)
  beforeStep!: number;
}

export class FunnelRequestDto extends TimeRangeDto {
  @ApiProperty({ type: [EventMatcherDto], description: `2 to ${MAX_FUNNEL_STEPS} steps, in order` })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_FUNNEL_STEPS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EventMatcherDto)
  steps!: EventMatcherDto[];

  @ApiPropertyOptional({ description: 'How long after step 1 a later step still counts (inclusive), in seconds; exactly one of this and conversionWindow', example: 86_400, minimum: 1, maximum: MAX_CONVERSION_WINDOW_SECONDS })
  @ValidateIf(presentOrNull)
  @IsInt()
  @Min(1)
  @Max(MAX_CONVERSION_WINDOW_SECONDS)
  conversionWindowSeconds?: number;

  @ApiPropertyOptional({ type: ConversionWindowDto, description: 'The same window in minutes, hours, days or weeks; exactly one of this and conversionWindowSeconds' })
  @ValidateIf(presentOrNull)
  @IsObject()
  @ValidateNested()
  @Type(() => ConversionWindowDto)
  conversionWindow?: ConversionWindowDto;

  @ApiPropertyOptional({ enum: FUNNEL_START_MODES, default: 'any', description: 'any: every step-1 event may start the funnel (the furthest-reaching counts); first: only the first step-1 event in the range' })
  @IsOptional()
  @IsIn(FUNNEL_START_MODES)
  startMode?: FunnelStartMode;

  @ApiPropertyOptional({
    enum: FUNNEL_ORDERS,
    default: 'sequential',
    description: "sequential: steps in order, other events in between allowed; strict: no event of a step's type between consecutive steps; any: the steps in any order within the window from the earliest of them",
  })
  @IsOptional()
  @IsIn(FUNNEL_ORDERS)
  order?: FunnelOrder;

  @ApiPropertyOptional({ type: [FunnelExclusionDto], description: `Up to ${MAX_FUNNEL_EXCLUSIONS}; with order any, each must span all steps (afterStep 1, beforeStep the last)` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FUNNEL_EXCLUSIONS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FunnelExclusionDto)
  exclusions?: FunnelExclusionDto[];

  @ApiPropertyOptional({ description: 'Break down by this property of the step-1 event', example: 'utm_source' })
  @IsOptional()
  @IsString()
  @Matches(BEHAVIOUR_PROPERTY_NAME_PATTERN, PROPERTY_NAME_RULE)
  breakdownProperty?: string;

  @ApiPropertyOptional({ description: "Only persons in this saved segment (evaluated now)", format: 'uuid' })
  @IsOptional()
  @IsUUID()
  segmentId?: string;
}

export class FunnelDroppedUsersRequestDto extends FunnelRequestDto {
  @ApiProperty({ description: 'Persons who reached the step before this one but not this one (2 or more)', example: 2 })
  @IsDefined()
  @IsInt()
  @Min(2)
  @Max(MAX_FUNNEL_STEPS)
  step!: number;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
