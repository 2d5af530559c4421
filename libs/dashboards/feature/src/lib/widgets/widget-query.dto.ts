import { OmitType } from '@nestjs/swagger';
import { QUERY_GRANULARITIES } from '@pulse/analytics-core';
import { MetricQueryDto } from '@pulse/storage';
import { IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { LIVE_METRICS } from './widget-types';

export const ANOMALY_METHODS = ['auto', 'zscore', 'mad', 'seasonal'] as const;

/**
 * A metric widget's query: the body of `POST /v1/query` with one `metric`, without range and comparison (the
 * dashboard's) and without series or formulas. Granularity may be left out where the type gives one.
 */
export class WidgetMetricQueryDto extends OmitType(MetricQueryDto, ['from', 'to', 'series', 'formulas', 'compare', 'granularity'] as const) {
  @IsOptional()
  @IsIn(QUERY_GRANULARITIES)
  granularity?: string;
}

export class WidgetLiveCounterQueryDto {
  @IsDefined()
  @IsIn(LIVE_METRICS)
  metric!: string;
}

/** Options the service reads; other keys are visual hints kept as given. */
export class WidgetTextOptionsDto {
  @IsDefined()
  @IsString()
  @Length(1, 10_000)
  text!: string;
}

export class WidgetAnomalyOptionsDto {
  @IsOptional()
  @IsIn(ANOMALY_METHODS)
  method?: string;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  sensitivity?: number;
}

export class WidgetForecastOptionsDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  horizon?: number;
}

/** The ROI calculator's assumptions (the conversation pipeline spec's defaults when left out). */
export class WidgetRoiQueryDto {
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100_000)
  humanAgentCostPerHour?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10_000)
  minutesPerConversation?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10_000)
  aiCostPerConversation?: number;
}
