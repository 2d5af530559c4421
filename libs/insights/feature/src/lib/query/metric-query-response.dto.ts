import { SkippedValuesResponse } from '../domains/shared/skipped-values.response';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MetricPointResponse {
  @ApiProperty({ description: "The bucket's first instant (UTC)", example: '2026-03-28T23:00:00.000Z' })
  bucket!: string;

  @ApiProperty({ description: 'The bucket in local terms: 2026-03-29 (day), 2026-03-23 (week of that Monday), 2026-03, 2026-Q1, 2026-03-29T03:00+02:00 (hour)' })
  label!: string;

  @ApiProperty()
  value!: number;
}

export class MetricSeriesResponse {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', nullable: true }, example: { device_type: 'mobile' } })
  group!: Record<string, string | null>;

  @ApiProperty({ type: [MetricPointResponse] })
  points!: MetricPointResponse[];

  @ApiProperty({ description: 'The metric over the whole range (unique users, averages and rates are not sums of the points)' })
  total!: number;
}

export class ComparedSeriesResponse extends MetricSeriesResponse {
  @ApiProperty({ description: '(current − previous) / previous of the totals; previous 0 → 1.0 if current > 0, else 0.0', example: 0.25 })
  growthRate!: number;
}

export class MetricComparisonResponse {
  @ApiProperty()
  from!: string;

  @ApiProperty()
  to!: string;

  @ApiProperty({ type: [ComparedSeriesResponse], description: 'The previous period, one series per current series, same order' })
  series!: ComparedSeriesResponse[];
}

export class MetricQueryResponse {
  @ApiProperty({ enum: ['rollup', 'raw'], description: 'What answered; both give the same numbers' })
  path!: 'rollup' | 'raw';

  @ApiPropertyOptional({ description: 'Why raw events were read' })
  reason?: string;

  @ApiProperty({ description: 'Start of the first bucket (the requested range widened to whole buckets)' })
  from!: string;

  @ApiProperty({ description: 'End of the last bucket' })
  to!: string;

  @ApiProperty()
  granularity!: string;

  @ApiProperty()
  timeZone!: string;

  @ApiProperty({ type: [MetricSeriesResponse] })
  series!: MetricSeriesResponse[];

  @ApiProperty({ description: 'Groups found; more than series.length when limit cut the list' })
  groupCount!: number;

  @ApiPropertyOptional({ type: MetricComparisonResponse })
  comparison?: MetricComparisonResponse;

  @ApiPropertyOptional({
    type: [SkippedValuesResponse],
    description:
      'Only when the aggregated property had values left out in the range: events stored with a value that broke its type\'s rule (lenient schema policy), by type and rule (the query\'s filters not applied)',
  })
  skippedValues?: SkippedValuesResponse[];
}

export class QueryIssueResponse {
  @ApiProperty({ example: 'filters[0].field' })
  field!: string;

  @ApiProperty({ example: 'isValidPropertyName' })
  rule!: string;

  @ApiProperty()
  message!: string;
}

export class QueryErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ type: [QueryIssueResponse] })
  errors!: QueryIssueResponse[];
}

/* Multi-series answers (`series` and `formulas` in the request). Values may be null: no value, or a division by zero. */

export class QueryLinePointResponse {
  @ApiProperty({ example: '2026-03-28T23:00:00.000Z' })
  bucket!: string;

  @ApiProperty({ example: '2026-03-29' })
  label!: string;

  @ApiProperty({ type: 'number', nullable: true, description: 'null: an average/min/max/percentile over no events, or a formula dividing by zero' })
  value!: number | null;
}

export class QueryLineGroupResponse {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', nullable: true }, example: { device_type: 'mobile' } })
  group!: Record<string, string | null>;

  @ApiProperty({ type: [QueryLinePointResponse] })
  points!: QueryLinePointResponse[];

  @ApiProperty({ type: 'number', nullable: true, description: 'Over the whole range; a formula is evaluated on the series’ totals' })
  total!: number | null;
}

export class ComparedQueryLineGroupResponse extends QueryLineGroupResponse {
  @ApiProperty({ type: 'number', nullable: true, description: 'As growthRate of the single-metric answer; null when either total is null' })
  growthRate!: number | null;
}

export class QueryLineComparisonResponse {
  @ApiProperty()
  from!: string;

  @ApiProperty()
  to!: string;

  @ApiProperty({ type: [ComparedQueryLineGroupResponse], description: 'The previous period, one entry per group of `series`, same order' })
  series!: ComparedQueryLineGroupResponse[];
}

export class QueryLineResponse {
  @ApiProperty({ example: 'A', description: 'The series label (A, B, … by position, or as given) or the formula label (F1, F2, … or as given)' })
  label!: string;

  @ApiProperty({ enum: ['series', 'formula'] })
  kind!: 'series' | 'formula';

  @ApiPropertyOptional({ example: 'A / B * 100', description: 'formula: as written' })
  formula?: string;

  @ApiPropertyOptional({ enum: ['rollup', 'raw'], description: 'series: what answered it' })
  path?: 'rollup' | 'raw';

  @ApiPropertyOptional({ description: 'series: why raw events were read' })
  reason?: string;

  @ApiProperty({ type: [QueryLineGroupResponse], description: 'One entry per group, the same groups in the same order in every result' })
  series!: QueryLineGroupResponse[];

  @ApiPropertyOptional({ type: QueryLineComparisonResponse })
  comparison?: QueryLineComparisonResponse;

  @ApiPropertyOptional({
    type: [SkippedValuesResponse],
    description:
      'Only when the aggregated property had values left out in the range: events stored with a value that broke its type\'s rule (lenient schema policy), by type and rule (the query\'s filters not applied)',
  })
  skippedValues?: SkippedValuesResponse[];
}

export class MultiSeriesQueryResponse {
  @ApiProperty({ description: 'Start of the first bucket' })
  from!: string;

  @ApiProperty({ description: 'End of the last bucket' })
  to!: string;

  @ApiProperty()
  granularity!: string;

  @ApiProperty()
  timeZone!: string;

  @ApiProperty({ description: 'Groups found in any series; more than the groups listed when limit cut the list' })
  groupCount!: number;

  @ApiProperty({ type: [QueryLineResponse], description: 'The series in request order, then the formulas' })
  results!: QueryLineResponse[];
}
