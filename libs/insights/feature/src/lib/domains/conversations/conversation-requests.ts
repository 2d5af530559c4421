import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_ROI_ASSUMPTIONS, TREND_GRANULARITIES, type TrendGranularity } from '@pulse/analytics-core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsNumber, IsOptional, Min } from 'class-validator';
import { LocalDateRangeQuery } from '../shared/local-date-range.dto';

export class ConversationMetricsQuery extends LocalDateRangeQuery {
  @ApiPropertyOptional({ description: 'Also compute the previous period of the same length and the growth rate', default: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'compare must be true or false' })
  compare?: boolean;
}

/** Hourly buckets over a long range would be thousands of rows: 31 days of hours at most. */
export const MAX_HOURLY_RANGE_DAYS = 31;

export class ConversationTrendsQuery extends LocalDateRangeQuery {
  @ApiProperty({ enum: TREND_GRANULARITIES, description: `Bucket size in local time; hour allows at most ${MAX_HOURLY_RANGE_DAYS} days` })
  @IsDefined()
  @IsIn(TREND_GRANULARITIES, { message: `granularity must be one of ${TREND_GRANULARITIES.join(', ')}` })
  granularity!: TrendGranularity;
}

/** The ROI calculator's configurable costs (pipeline spec 1.4), in the tenant's currency. */
export class ConversationRoiRequest extends LocalDateRangeQuery {
  @ApiPropertyOptional({ description: 'What an hour of a human agent costs', default: DEFAULT_ROI_ASSUMPTIONS.humanAgentCostPerHour, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'humanAgentCostPerHour must be a number' })
  @Min(0, { message: 'humanAgentCostPerHour must not be negative' })
  humanAgentCostPerHour?: number;

  @ApiPropertyOptional({ description: 'Minutes a human spends on one conversation', default: DEFAULT_ROI_ASSUMPTIONS.minutesPerConversation, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'minutesPerConversation must be a number' })
  @Min(0, { message: 'minutesPerConversation must not be negative' })
  minutesPerConversation?: number;

  @ApiPropertyOptional({ description: 'What the AI costs per conversation', default: DEFAULT_ROI_ASSUMPTIONS.aiCostPerConversation, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'aiCostPerConversation must be a number' })
  @Min(0, { message: 'aiCostPerConversation must not be negative' })
  aiCostPerConversation?: number;
}
