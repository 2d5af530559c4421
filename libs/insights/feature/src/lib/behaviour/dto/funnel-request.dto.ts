import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BEHAVIOUR_PROPERTY_NAME_PATTERN } from '@pulse/analytics-core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { EventMatcherDto, PROPERTY_NAME_RULE } from './event-matcher.dto';
import { TimeRangeDto } from './time-range.dto';

export const MAX_FUNNEL_STEPS = 10;
export const MAX_CONVERSION_WINDOW_SECONDS = 90 * 86_400;

export class FunnelRequestDto extends TimeRangeDto {
  @ApiProperty({ type: [EventMatcherDto], description: `2 to ${MAX_FUNNEL_STEPS} steps, in order` })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_FUNNEL_STEPS)
  @ValidateNested({ each: true })
  @Type(() => EventMatcherDto)
  steps!: EventMatcherDto[];

  @ApiProperty({ description: 'How long after step 1 a later step still counts (inclusive)', example: 86_400, minimum: 1, maximum: MAX_CONVERSION_WINDOW_SECONDS })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_CONVERSION_WINDOW_SECONDS)
  conversionWindowSeconds!: number;

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
