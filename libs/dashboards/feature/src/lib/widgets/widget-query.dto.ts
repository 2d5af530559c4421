import { OmitType } from '@nestjs/swagger';
import {
  BEHAVIOUR_PROPERTY_NAME_PATTERN,
  FUNNEL_ORDERS,
  FUNNEL_START_MODES,
  FUNNEL_WINDOW_UNITS,
  MAX_RETENTION_PERIODS,
  PROPERTY_OPERATORS,
  propertyFilterProblem,
  QUERY_GRANULARITIES,
  RETENTION_PERIODS,
  type FilterScalar,
} from '@pulse/analytics-core';
import { MetricQueryDto } from '@pulse/storage';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
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

// The funnel and retention request shapes are the insights routes' (`POST /v1/funnels`, `/v1/retention`); their
// DTOs live in the insights feature, which this service must not import: restated here from analytics-core's rules.

@ValidatorConstraint({ name: 'valueFitsOperator' })
class ValueFitsOperator implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    const filter = args.object as WidgetPropertyFilterDto;
    if (!(PROPERTY_OPERATORS as readonly string[]).includes(filter.operator)) return true; // reported by the operator's own rule
    return propertyFilterProblem({ ...filter, property: 'x' } as never, 'filter') === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    const filter = args.object as WidgetPropertyFilterDto;
    return (propertyFilterProblem({ ...filter, property: 'x' } as never, 'filter') ?? '').replace('filter.value', 'value');
  }
}

export class WidgetPropertyFilterDto {
  @IsDefined()
  @IsString()
  @Matches(BEHAVIOUR_PROPERTY_NAME_PATTERN, { message: '$property must be a property name (a letter or _, then letters, digits, _ . $ -)' })
  property!: string;

  @IsDefined()
  @IsIn(PROPERTY_OPERATORS)
  operator!: string;

  @Validate(ValueFitsOperator)
  value?: FilterScalar | FilterScalar[];
}

export class WidgetEventMatcherDto {
  @IsDefined()
  @IsString()
  @Length(1, 200)
  eventType!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WidgetPropertyFilterDto)
  filters?: WidgetPropertyFilterDto[];
}

export class WidgetConversionWindowDto {
  @IsDefined()
  @IsInt()
  @Min(1)
  value!: number;

  @IsDefined()
  @IsIn(FUNNEL_WINDOW_UNITS)
  unit!: string;
}

export class WidgetFunnelExclusionDto extends WidgetEventMatcherDto {
  @IsDefined()
  @IsInt()
  @Min(1)
  afterStep!: number;

  @IsDefined()
  @IsInt()
  @Min(2)
  beforeStep!: number;
}

export const MAX_FUNNEL_STEPS = 10;
export const MAX_CONVERSION_WINDOW_SECONDS = 90 * 86_400;

/** A funnel widget's query: `POST /v1/funnels`'s body without range and segment. */
export class WidgetFunnelQueryDto {
  @IsDefined()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_FUNNEL_STEPS)
  @ValidateNested({ each: true })
  @Type(() => WidgetEventMatcherDto)
  steps!: WidgetEventMatcherDto[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CONVERSION_WINDOW_SECONDS)
  conversionWindowSeconds?: number;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WidgetConversionWindowDto)
  conversionWindow?: WidgetConversionWindowDto;

  @IsOptional()
  @IsIn(FUNNEL_START_MODES)
  startMode?: string;

  @IsOptional()
  @IsIn(FUNNEL_ORDERS)
  order?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => WidgetFunnelExclusionDto)
  exclusions?: WidgetFunnelExclusionDto[];

  @IsOptional()
  @IsString()
  @Matches(BEHAVIOUR_PROPERTY_NAME_PATTERN, { message: '$property must be a property name (a letter or _, then letters, digits, _ . $ -)' })
  breakdownProperty?: string;
}

/** A retention heatmap's query: `POST /v1/retention`'s body without start (the range's first day) and segment. */
export class WidgetRetentionQueryDto {
  @IsDefined()
  @IsIn(RETENTION_PERIODS)
  period!: string;

  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_RETENTION_PERIODS)
  periods!: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => WidgetEventMatcherDto)
  cohortEvent?: WidgetEventMatcherDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => WidgetEventMatcherDto)
  returnEvent?: WidgetEventMatcherDto;
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
