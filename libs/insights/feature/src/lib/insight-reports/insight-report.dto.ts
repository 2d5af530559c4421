import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSIGHT_TYPES, type InsightType } from '@pulse/analytics-core';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { DateRangeResponse } from '../domains/shared/date-range.response';
import { LocalDateRangeQuery } from '../domains/shared/local-date-range.dto';

/** `POST /v1/insights/report`: the tenant's local days from … to, compared with as many days before. */
export class InsightReportRequest extends LocalDateRangeQuery {
  @ApiPropertyOptional({
    enum: INSIGHT_TYPES,
    isArray: true,
    description: 'Kinds of finding to look for; all when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(INSIGHT_TYPES.length)
  @IsIn(INSIGHT_TYPES, {
    each: true,
    message: `each value in types must be one of: ${INSIGHT_TYPES.join(', ')}`,
  })
  types?: InsightType[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxInsights?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: 0.8,
    description: 'Findings less sure than this are left out',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  confidenceThreshold?: number;
}

export class InsightResponse {
  @ApiProperty({
    example: 'cost_optimisation:short_prompts:openai/gpt-4o/chat_completion',
  })
  id!: string;
  @ApiProperty({ enum: INSIGHT_TYPES }) type!: InsightType;
  @ApiProperty() title!: string;
  @ApiProperty({
    description: 'What was seen, in plain language, with the figures',
  })
  explanation!: string;
  @ApiProperty() recommendation!: string;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] }) impact!: string;
  @ApiProperty({
    description:
      'Share of activity or spend the finding touches (0–1); the ranking key with confidence',
  })
  impactScore!: number;
  @ApiProperty({
    description:
      '1 − p of the change for changes; the sample size for estimates',
  })
  confidence!: number;
  @ApiProperty({ type: 'object', additionalProperties: true })
  supportingData!: Record<string, unknown>;
  @ApiPropertyOptional({
    description: 'Cost findings: estimated saving per 30 days, US cents',
  })
  estimatedSavingsCents?: number;
}

export class InsightSummaryResponse {
  @ApiProperty() totalInsights!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  byType!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  byImpact!: Record<string, number>;
  @ApiProperty({ type: [String] }) keyFindings!: string[];
  @ApiProperty({ type: [String] }) actionItems!: string[];
  @ApiProperty() estimatedSavingsCents!: number;
  @ApiProperty({
    description:
      'Findings left out for being less sure than confidenceThreshold',
  })
  belowConfidence!: number;
}

export class UnavailableInsightType {
  @ApiProperty({ enum: INSIGHT_TYPES }) type!: InsightType;
  @ApiProperty({
    example: 'forecast:revenue',
    description:
      'What of the kind could not be looked at: `churn`, `satisfaction`, `forecast:<metric>`',
  })
  subject!: string;
  @ApiProperty() reason!: string;
}

export class InsightReportResponse {
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({
    type: DateRangeResponse,
    description: 'The range compared against: as many days just before',
  })
  previousDateRange!: DateRangeResponse;
  @ApiProperty({
    type: [InsightResponse],
    description: 'Best first: impact weighted by confidence',
  })
  insights!: InsightResponse[];
  @ApiProperty({ type: InsightSummaryResponse })
  summary!: InsightSummaryResponse;
  @ApiProperty({
    type: [UnavailableInsightType],
    description:
      'Parts of the requested kinds that could not be looked at (no model trained, too short a history), and why',
  })
  notAvailable!: UnavailableInsightType[];
}
