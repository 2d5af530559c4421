import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { REPORT_SECTION_KINDS, type ReportSectionKind } from '@pulse/reporting-data-access';
import { MetricQueryDto } from '@pulse/storage';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
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

  @ApiPropertyOptional({ type: ReportQueryDto, description: 'metric, chart, table: what the section answers' })
  @ValidateIf((section: ReportSectionDto) => section.kind !== 'text')
  @IsDefined()
  @ValidateNested()
  @Type(() => ReportQueryDto)
  query?: ReportQueryDto;

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
