import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  METRIC_AGGREGATIONS,
  METRIC_TYPES,
  QUERY_COMPARISONS,
  QUERY_CONTEXT_MAX_SEGMENTS,
  QUERY_FILTER_OPERATORS,
  QUERY_GRANULARITIES,
  QUERY_LIMITS,
  QUERY_PROPERTY_MAX_INDEX,
  QUERY_PROPERTY_MAX_SEGMENTS,
  QUERY_SERIES_LIMITS,
  type QueryRequest,
} from '@pulse/analytics-core';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** How a query names a value of an event (metric.field, groupBy, filters[].field); the analytics core enforces it. */
const FIELD_SYNTAX =
  'an event field (device_type, type, hour_of_day, …), properties.<path> or context.<path>. ' +
  `A property path walks into the event's properties: properties.plan, properties.order.items[0].sku (keys of letters, digits, spaces or _ $ : -, ` +
  `array indices [0]…[${QUERY_PROPERTY_MAX_INDEX}], at most ${QUERY_PROPERTY_MAX_SEGMENTS} steps); a key with a dot or other characters is quoted: ` +
  'properties["utm.source"] (so properties.a.b is key b inside object a). ' +
  `A context path has 1-${QUERY_CONTEXT_MAX_SEGMENTS} dot-separated segments of letters, digits or _ (context.campaign.source, context.page.path, context.locale; ` +
  'context.ip is refused as personal data). Nested properties and context.* are answered from raw events';

/** The request's shape; what the names and values mean is checked by the analytics core (validateMetricQuery). */
export class MetricDto {
  @ApiProperty({ enum: METRIC_TYPES, example: 'unique_users' })
  @IsIn(METRIC_TYPES)
  type!: string;

  @ApiPropertyOptional({ type: [String], description: 'Event types counted (event_count, unique_users, aggregate); all when omitted', example: ['order_completed'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(QUERY_LIMITS.maxEventTypes)
  @IsString({ each: true })
  events?: string[];

  @ApiPropertyOptional({ description: `aggregate: ${FIELD_SYNTAX}`, example: 'properties.revenue' })
  @IsOptional()
  @IsString()
  field?: string;

  @ApiPropertyOptional({ enum: METRIC_AGGREGATIONS, description: 'aggregate: how values combine' })
  @IsOptional()
  @IsIn(METRIC_AGGREGATIONS)
  aggregation?: string;

  @ApiPropertyOptional({ description: 'conversion: users doing this event are the denominator', example: 'product_viewed' })
  @IsOptional()
  @IsString()
  fromEvent?: string;

  @ApiPropertyOptional({ description: 'conversion: users doing this event are the numerator', example: 'order_completed' })
  @IsOptional()
  @IsString()
  toEvent?: string;
}

export class FilterDto {
  @ApiProperty({ description: FIELD_SYNTAX, example: 'context.campaign.source' })
  @IsString()
  field!: string;

  @ApiProperty({ enum: QUERY_FILTER_OPERATORS })
  @IsIn(QUERY_FILTER_OPERATORS)
  operator!: string;

  @ApiPropertyOptional({ description: 'equals, not_equals, contains, gt, gte, lt, lte: a string, number or boolean', oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] })
  @Allow()
  value?: unknown;

  @ApiPropertyOptional({ description: 'in, not_in: the values; between: [low, high]', type: 'array', items: {} })
  @IsOptional()
  @IsArray()
  values?: unknown[];
}

export class SeriesDto {
  @ApiPropertyOptional({ description: 'The name formulas use; A, B, … by position when omitted. 1-32 letters, digits or _, starting with a letter', example: 'orders' })
  @IsOptional()
  @IsString()
  label?: string;

  @ApiProperty({ type: MetricDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => MetricDto)
  metric!: MetricDto;

  @ApiPropertyOptional({ type: () => [FilterDto], description: "This series' own filters, on top of the query's shared filters" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(QUERY_LIMITS.maxFilters)
  @ValidateNested({ each: true })
  @Type(() => FilterDto)
  filters?: FilterDto[];
}

export class FormulaDto {
  @ApiProperty({ description: 'Numbers, series labels, + - * /, parentheses and unary minus; division by zero gives null', example: 'A / B * 100' })
  @IsString()
  formula!: string;

  @ApiPropertyOptional({ description: 'F1, F2, … by position when omitted', example: 'conversion_percent' })
  @IsOptional()
  @IsString()
  label?: string;
}

export class MetricQueryDto implements QueryRequest {
  @ApiPropertyOptional({ type: MetricDto, description: 'One metric (the original shape); give either metric or series' })
  @ValidateIf((body: MetricQueryDto) => body.series === undefined)
  @IsDefined()
  @ValidateNested()
  @Type(() => MetricDto)
  metric?: MetricDto;

  @ApiPropertyOptional({
    type: [SeriesDto],
    description: `Several series (1-${QUERY_SERIES_LIMITS.maxSeries}), each its own metric and filters, labelled A, B, … or as given; range, buckets, group-by, shared filters and comparison apply to all`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(QUERY_SERIES_LIMITS.maxSeries)
  @ValidateNested({ each: true })
  @Type(() => SeriesDto)
  series?: SeriesDto[];

  @ApiPropertyOptional({ type: [FormulaDto], description: `With series: up to ${QUERY_SERIES_LIMITS.maxFormulas} formulas over the series labels, evaluated per bucket and group` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(QUERY_SERIES_LIMITS.maxFormulas)
  @ValidateNested({ each: true })
  @Type(() => FormulaDto)
  formulas?: FormulaDto[];

  @ApiProperty({ description: 'ISO 8601 instant with offset; widened to the start of its bucket', example: '2026-03-23T00:00:00+01:00' })
  @IsString()
  from!: string;

  @ApiProperty({ description: 'ISO 8601 instant with offset, exclusive; widened to the end of its bucket', example: '2026-03-30T00:00:00+02:00' })
  @IsString()
  to!: string;

  @ApiProperty({ enum: QUERY_GRANULARITIES })
  @IsIn(QUERY_GRANULARITIES)
  granularity!: string;

  @ApiPropertyOptional({ description: "IANA zone for the buckets; the tenant's by default (rollups serve only the tenant's zone)" })
  @IsOptional()
  @IsString()
  timeZone?: string;

  @ApiPropertyOptional({ type: [String], description: `Up to ${QUERY_LIMITS.maxGroupBy} fields, each ${FIELD_SYNTAX}`, example: ['device_type', 'context.campaign.source'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(QUERY_LIMITS.maxGroupBy)
  @IsString({ each: true })
  groupBy?: string[];

  @ApiPropertyOptional({ type: [FilterDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(QUERY_LIMITS.maxFilters)
  @ValidateNested({ each: true })
  @Type(() => FilterDto)
  filters?: FilterDto[];

  @ApiPropertyOptional({ default: true, description: 'Buckets without events appear with value 0' })
  @IsOptional()
  @IsBoolean()
  fillMissing?: boolean;

  @ApiPropertyOptional({ enum: QUERY_COMPARISONS, description: 'Also answer the same number of buckets just before, with growth rates' })
  @IsOptional()
  @IsIn(QUERY_COMPARISONS)
  compare?: string;

  @ApiPropertyOptional({ default: QUERY_LIMITS.defaultSeriesLimit, minimum: 1, maximum: QUERY_LIMITS.maxSeriesLimit, description: 'Most series returned, largest totals first' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(QUERY_LIMITS.maxSeriesLimit)
  limit?: number;
}
