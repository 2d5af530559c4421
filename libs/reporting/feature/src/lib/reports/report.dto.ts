import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { REPORT_SECTION_KINDS, REPORT_SECTION_SOURCES, type ReportSectionKind, type ReportSectionSource } from '@pulse/reporting-data-access';
import { FunnelQueryDto, MetricQueryDto, RetentionQueryDto } from '@pulse/storage';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { REPORT_FORMATS } from '../formats/report-formats';
import { REPORT_PERIODS } from './report-period';
import { REPORT_TYPES } from './report-templates';

export const MAX_REPORT_SECTIONS = 20;

/**
 * A section's query: the body of `POST /v1/query` with one `metric`, without range (the report's) and
 * without series, formulas or comparison (not written by reports yet).
 */
export class ReportQueryDto extends OmitType(MetricQueryDto, ['from', 'to', 'series', 'formulas', 'compare'] as const) {}

export const CONVERSATION_SECTION_BREAKDOWNS = ['day', 'channel'] as const;
export const COMMERCE_SECTION_BREAKDOWNS = ['category', 'region'] as const;

/** A conversations section's query (optional): what a chart or table lists, a row per local day (default) or per channel. */
export class ConversationsSectionQueryDto {
  @ApiPropertyOptional({ enum: CONVERSATION_SECTION_BREAKDOWNS, default: 'day' })
  @IsOptional()
  @IsIn(CONVERSATION_SECTION_BREAKDOWNS)
  breakdown?: (typeof CONVERSATION_SECTION_BREAKDOWNS)[number];
}

/** A commerce section's query (optional): what a chart or table lists, revenue per product category (default) or region. */
export class CommerceSectionQueryDto {
  @ApiPropertyOptional({ enum: COMMERCE_SECTION_BREAKDOWNS, default: 'category' })
  @IsOptional()
  @IsIn(COMMERCE_SECTION_BREAKDOWNS)
  breakdown?: (typeof COMMERCE_SECTION_BREAKDOWNS)[number];
}

/** The query's shape for each source; an unknown source is reported by its own rule and read as metrics. */
const QUERY_DTOS: Record<ReportSectionSource, new () => object> = {
  metrics: ReportQueryDto,
  funnel: FunnelQueryDto,
  retention: RetentionQueryDto,
  conversations: ConversationsSectionQueryDto,
  commerce: CommerceSectionQueryDto,
};

/** Sources whose sections cannot do without a query (the domain endpoints have defaults). */
const QUERY_REQUIRED: readonly string[] = ['metrics', 'funnel', 'retention'];

export class ReportSectionDto {
  @ApiProperty({ example: 'Orders per day' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({
    enum: REPORT_SECTION_KINDS,
    description: 'metric: one figure (the total) per group; chart, table: one row per local day and group; text: a paragraph',
  })
  @IsIn(REPORT_SECTION_KINDS)
  kind!: ReportSectionKind;

  @ApiPropertyOptional({
    enum: REPORT_SECTION_SOURCES,
    default: 'metrics',
    description:
      'What the query is: metrics (POST /v1/query without range), funnel (POST /v1/funnels without range), retention ' +
      '(POST /v1/retention from the first day; chart or table), conversations (GET /v1/conversations/metrics), commerce (GET /v1/commerce/dashboard)',
  })
  @IsOptional()
  @IsIn(REPORT_SECTION_SOURCES)
  source?: ReportSectionSource;

  @ApiPropertyOptional({
    description:
      'metric, chart, table: what the section answers, in its source’s shape (required for metrics, funnel and retention; ' +
      'conversations and commerce take an optional breakdown)',
  })
  @ValidateIf((section: ReportSectionDto) => section.kind !== 'text' && (section.query !== undefined || QUERY_REQUIRED.includes(section.source ?? 'metrics')))
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type((help) => QUERY_DTOS[(help?.object as ReportSectionDto | undefined)?.source ?? 'metrics'] ?? ReportQueryDto)
  query?: object;

  @ApiPropertyOptional({ description: 'text: the paragraph' })
  @ValidateIf((section: ReportSectionDto) => section.kind === 'text')
  @IsString()
  @Length(1, 10_000)
  text?: string;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `POST /v1/reports` and `PUT /v1/reports/:id`. */
export class ReportDto {
  @ApiProperty({ example: 'Weekly' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  description?: string;

  @ApiProperty({ enum: REPORT_TYPES, description: 'Without sections, the type’s template gives them (custom has none)' })
  @IsIn(REPORT_TYPES)
  type!: string;

  @ApiProperty({ enum: REPORT_FORMATS, description: 'The file written by each run: csv, json, html, pdf or xlsx' })
  @IsIn(REPORT_FORMATS)
  format!: string;

  @ApiPropertyOptional({
    enum: REPORT_PERIODS,
    description: "Resolved in the tenant's time zone when a run is asked for; give either period or from and to",
  })
  @IsOptional()
  @IsIn(REPORT_PERIODS)
  period?: string;

  @ApiPropertyOptional({ description: 'First local day (YYYY-MM-DD), with to', example: '2026-03-01' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: '$property must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last local day included (YYYY-MM-DD), with from', example: '2026-03-31' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: '$property must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ type: [ReportSectionDto], description: `1-${MAX_REPORT_SECTIONS} sections; the type's template when omitted` })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPORT_SECTIONS)
  @ValidateNested({ each: true })
  @Type(() => ReportSectionDto)
  sections?: ReportSectionDto[];
}

export class ReportResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: REPORT_TYPES }) type!: string;
  @ApiProperty({ enum: REPORT_FORMATS }) format!: string;
  @ApiProperty({ enum: REPORT_PERIODS, nullable: true }) period!: string | null;
  @ApiProperty({ nullable: true, type: String }) from!: string | null;
  @ApiProperty({ nullable: true, type: String }) to!: string | null;
  @ApiProperty({ type: [ReportSectionDto] }) sections!: ReportSectionDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
