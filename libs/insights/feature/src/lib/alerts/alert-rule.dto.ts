import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ALERT_ANOMALY_METHODS, ALERT_GRANULARITIES, THRESHOLD_OPERATORS } from '@pulse/analytics-core';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MetricQueryDto } from '@pulse/storage';

/** The longest cooldown: a week. */
export const MAX_COOLDOWN_SECONDS = 7 * 86_400;

/**
 * What the rule watches: the body of `POST /v1/query` without range and granularity (the rule's own),
 * group-by, comparison or limit. One line: the metric, the one series, or the first formula over several series (as the anomaly scan API reads it).
 */
export class AlertQueryDto extends PickType(MetricQueryDto, ['metric', 'series', 'formulas', 'filters', 'timeZone'] as const) {}

/** A threshold (`operator`, `value`) or an anomaly (`method`, `sensitivity`). */
export class AlertConditionDto {
  @ApiProperty({ enum: ['threshold', 'anomaly'] })
  @IsIn(['threshold', 'anomaly'])
  kind!: 'threshold' | 'anomaly';

  @ApiPropertyOptional({ enum: THRESHOLD_OPERATORS, description: 'threshold: above (value > threshold) or below (value < threshold)' })
  @ValidateIf((condition: AlertConditionDto) => condition.kind === 'threshold')
  @IsIn(THRESHOLD_OPERATORS)
  operator?: 'above' | 'below';

  @ApiPropertyOptional({ description: 'threshold: the value compared with', example: 100 })
  @ValidateIf((condition: AlertConditionDto) => condition.kind === 'threshold')
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @ApiPropertyOptional({ enum: ALERT_ANOMALY_METHODS, default: 'auto', description: 'anomaly: the scan method (auto picks per series)' })
  @ValidateIf((condition: AlertConditionDto) => condition.kind === 'anomaly' && condition.method !== undefined)
  @IsIn(ALERT_ANOMALY_METHODS)
  method?: 'auto' | 'zscore' | 'mad' | 'seasonal';

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.5, description: 'anomaly: 0..1, higher flags smaller deviations' })
  @ValidateIf((condition: AlertConditionDto) => condition.kind === 'anomaly' && condition.sensitivity !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  sensitivity?: number;
}

/** `POST /v1/alerts` and `PUT /v1/alerts/:id` (a full replacement). */
export class AlertRuleDto {
  @ApiProperty({ example: 'Checkout errors' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ type: AlertQueryDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AlertQueryDto)
  query!: AlertQueryDto;

  @ApiProperty({ type: AlertConditionDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AlertConditionDto)
  condition!: AlertConditionDto;

  @ApiProperty({ enum: ALERT_GRANULARITIES, description: 'The rule is evaluated as each bucket of this size closes' })
  @IsIn(ALERT_GRANULARITIES)
  granularity!: 'minute' | 'hour' | 'day';

  @ApiPropertyOptional({ default: 0, maximum: MAX_COOLDOWN_SECONDS, description: 'Least seconds between the starts of two notified incidents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COOLDOWN_SECONDS)
  cooldownSeconds?: number;

  @ApiProperty({ description: 'http(s) URL the alert is POSTed to (not this service itself)', example: 'https://hooks.example.com/pulse' })
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true },
    { message: '$property must be an http(s) URL' },
  )
  webhookUrl!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** `GET /v1/alerts/:id/history` paging. */
export class AlertHistoryQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only notifications created before this instant (the last `createdAt` of the previous page)' })
  @IsOptional()
  @IsString()
  before?: string;
}
