import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { MetricQueryDto } from '@pulse/storage';
import { NAMED_METRICS } from '../series/named-metrics';

export const ANOMALY_METHODS = ['auto', 'zscore', 'mad', 'seasonal'] as const;
export const MAX_LOOKBACK_HOURS = 8_784;

/** `POST /v1/ml/anomalies`. */
export class AnomalyScanRequestDto {
  @ApiProperty({
    type: MetricQueryDto,
    description: 'The body of POST /v1/query (one metric, or series with a formula; no groupBy, no compare); granularity minute, hour, day or week',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => MetricQueryDto)
  query!: MetricQueryDto;

  @ApiPropertyOptional({ enum: ANOMALY_METHODS, default: 'auto' })
  @IsOptional()
  @IsIn(ANOMALY_METHODS)
  method?: (typeof ANOMALY_METHODS)[number];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: 0.5,
    description: 'Band half-width 2.5 + 3 × (1 − sensitivity) standard deviations',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  sensitivity?: number;

  @ApiPropertyOptional({
    description: 'A breakdown field (device_type, properties.plan, …) whose values are ranked by how much of each anomaly they explain',
    example: 'device_type',
  })
  @IsOptional()
  @IsString()
  causeDimension?: string;
}

/** `GET /v1/ml/anomalies?metric=orders&lookback_hours=24`. */
export class NamedAnomalyScanQueryDto {
  @ApiProperty({ enum: NAMED_METRICS })
  @IsIn(NAMED_METRICS)
  metric!: (typeof NAMED_METRICS)[number];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_LOOKBACK_HOURS,
    default: 24,
    description: 'Hours judged, ending at the start of the current hour',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LOOKBACK_HOURS)
  lookback_hours?: number;

  @ApiPropertyOptional({ enum: ANOMALY_METHODS, default: 'auto' })
  @IsOptional()
  @IsIn(ANOMALY_METHODS)
  method?: (typeof ANOMALY_METHODS)[number];

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.5 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  sensitivity?: number;

  @ApiPropertyOptional({ description: 'As causeDimension in the POST', example: 'device_type' })
  @IsOptional()
  @IsString()
  cause_dimension?: string;
}

export class AnomalyCauseResponse {
  @ApiProperty({ example: 'device_type' })
  dimension!: string;

  @ApiProperty({ nullable: true, type: String, example: 'mobile' })
  value!: string | null;

  @ApiProperty()
  observed!: number;

  @ApiProperty()
  expected!: number;

  @ApiProperty({ description: "This value's deviation ÷ the total deviation (negative: it moved the other way)" })
  share!: number;
}

export class AnomalyResponse {
  @ApiProperty({ description: 'Bucket start (ISO 8601, UTC)' })
  time!: string;

  @ApiProperty()
  observed!: number;

  @ApiProperty()
  expected!: number;

  @ApiProperty()
  lower!: number;

  @ApiProperty()
  upper!: number;

  @ApiProperty({ description: 'Signed standard deviations from expected' })
  score!: number;

  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] })
  severity!: string;

  @ApiProperty({ description: 'The same for every bucket of one incident' })
  incidentId!: string;

  @ApiProperty({ enum: ['zscore', 'mad', 'seasonal'] })
  method!: string;

  @ApiPropertyOptional({ description: 'Buckets per season, for the seasonal method' })
  seasonalPeriod?: number;

  @ApiProperty({ type: [AnomalyCauseResponse], description: 'Empty without causeDimension' })
  causes!: AnomalyCauseResponse[];
}

export class InsufficientHistoryResponse {
  @ApiProperty()
  neededPoints!: number;

  @ApiProperty()
  havePoints!: number;
}

export class AnomalyScanResponse {
  @ApiProperty({
    enum: ['zscore', 'mad', 'seasonal'],
    description: 'The method used (for auto: the one used for most buckets)',
  })
  method!: string;

  @ApiProperty({ description: 'Start of the first judged bucket' })
  from!: string;

  @ApiProperty({ description: 'End of the last judged bucket' })
  to!: string;

  @ApiProperty({ description: 'Buckets before `from` read as history' })
  historyPoints!: number;

  @ApiProperty({ description: 'Buckets with a value that were judged' })
  judgedPoints!: number;

  @ApiProperty({ type: [AnomalyResponse] })
  anomalies!: AnomalyResponse[];

  @ApiPropertyOptional({
    type: InsufficientHistoryResponse,
    description: 'When the first judged buckets lacked the history the method needs',
  })
  insufficientHistory?: InsufficientHistoryResponse;
}
