import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { MetricQueryDto } from '@pulse/storage';
import { NAMED_METRICS } from '../series/named-metrics';

/** Granularity names of the named-metric form: the spec's `daily` and the query engine's `day` alike. */
export const FORECAST_GRANULARITIES = ['minute', 'hour', 'hourly', 'day', 'daily', 'week', 'weekly'] as const;
export const MAX_HORIZON = 20_000;

/** `POST /v1/ml/forecast`: `{ query, horizon }` or the spec's `{ metric, horizon_days, granularity }`. */
export class ForecastRequestDto {
  @ApiPropertyOptional({
    type: MetricQueryDto,
    description: 'The body of POST /v1/query (no groupBy, no compare): its range is the history; the forecast starts at its `to`',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MetricQueryDto)
  query?: MetricQueryDto;

  @ApiPropertyOptional({
    enum: NAMED_METRICS,
    description: 'A named metric instead of query; its history ends at the start of the current bucket',
  })
  @IsOptional()
  @IsIn(NAMED_METRICS)
  metric?: (typeof NAMED_METRICS)[number];

  @ApiPropertyOptional({
    enum: FORECAST_GRANULARITIES,
    default: 'daily',
    description: 'With metric: the buckets (with query, the query’s granularity is used)',
  })
  @IsOptional()
  @IsIn(FORECAST_GRANULARITIES)
  granularity?: (typeof FORECAST_GRANULARITIES)[number];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 1_100,
    description: 'With metric: days of history (default 56 for hours and minutes… see README: hour 56, day 365, week 1,092, minute 3)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_100)
  history_days?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_HORIZON,
    description: 'Buckets to forecast; at most 4 × the history',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_HORIZON)
  horizon?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1_000, description: 'Days to forecast (instead of horizon)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  horizon_days?: number;
}

export class ForecastPointResponse {
  @ApiProperty({ description: 'Bucket start (ISO 8601, UTC)' })
  time!: string;

  @ApiProperty()
  value!: number;

  @ApiProperty()
  lower80!: number;

  @ApiProperty()
  upper80!: number;

  @ApiProperty()
  lower95!: number;

  @ApiProperty()
  upper95!: number;
}

export class AccuracyResponse {
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Mean absolute scaled error (null when the training history never changed)',
  })
  mase!: number | null;

  @ApiProperty({ description: 'Symmetric mean absolute percentage error, 0–200' })
  smape!: number;
}

export class BacktestResponse {
  @ApiProperty({ description: 'Steps ahead scored from each origin' })
  horizon!: number;

  @ApiProperty()
  origins!: number;

  @ApiProperty({ type: AccuracyResponse })
  model!: AccuracyResponse;

  @ApiProperty({ type: AccuracyResponse, description: 'Seasonal-naive' })
  baseline!: AccuracyResponse;

  @ApiProperty({ description: 'True when the model did not beat the baseline, so the baseline answered' })
  usedBaseline!: boolean;
}

export class ForecastResponse {
  @ApiProperty({ enum: ['holt-winters', 'seasonal-naive'] })
  model!: string;

  @ApiProperty({ example: 'Holt-Winters (damped trend, additive seasons 24 + 168)' })
  description!: string;

  @ApiProperty({ enum: ['minute', 'hour', 'day', 'week'] })
  granularity!: string;

  @ApiProperty({ description: 'Start of the first history bucket' })
  historyFrom!: string;

  @ApiProperty({ description: 'End of the last history bucket: where the forecast starts' })
  historyTo!: string;

  @ApiProperty()
  historyPoints!: number;

  @ApiProperty({ type: [ForecastPointResponse] })
  points!: ForecastPointResponse[];

  @ApiProperty({ type: BacktestResponse })
  backtest!: BacktestResponse;
}

export class InsufficientHistoryErrorResponse {
  @ApiProperty({ example: 422 })
  statusCode!: number;

  @ApiProperty()
  message!: string;

  @ApiProperty()
  neededPoints!: number;

  @ApiProperty()
  havePoints!: number;
}
