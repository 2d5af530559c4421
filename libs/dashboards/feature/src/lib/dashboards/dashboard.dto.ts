import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RELATIVE_PERIODS, QUERY_LIMITS } from '@pulse/analytics-core';
import { FilterDto } from '@pulse/storage';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { WidgetResponse } from '../widgets/widget.dto';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Applied to every widget: the range (a relative period or fixed days), compare, and property filters. */
export class DashboardFiltersDto {
  @ApiPropertyOptional({ enum: RELATIVE_PERIODS, description: "Resolved in the tenant's time zone when data is asked for; either period or from and to" })
  @IsOptional()
  @IsIn(RELATIVE_PERIODS)
  period?: string;

  @ApiPropertyOptional({ description: 'First local day (YYYY-MM-DD), with to', example: '2026-03-01' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: '$property must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last local day included (YYYY-MM-DD), with from', example: '2026-03-31' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: '$property must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ default: false, description: 'Also answer the same number of days just before' })
  @IsOptional()
  @IsBoolean()
  compare?: boolean;

  @ApiPropertyOptional({ type: [FilterDto], description: "Added to every metric widget's filters (the shape of POST /v1/query's filters)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(QUERY_LIMITS.maxFilters)
  @ValidateNested({ each: true })
  @Type(() => FilterDto)
  properties?: FilterDto[];
}

/** `POST /v1/dashboards` and `PUT /v1/dashboards/:id`. */
export class DashboardDto {
  @ApiProperty({ example: 'Sales' })
  @IsDefined()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  description?: string;

  @ApiPropertyOptional({ type: DashboardFiltersDto, description: 'Last 7 days, no comparison, no property filter when omitted' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DashboardFiltersDto)
  filters?: DashboardFiltersDto;
}

export class DashboardSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'executive_overview, commerce, conversations, content, system_health; null for your own' })
  prebuiltKey!: string | null;
  @ApiProperty({ type: DashboardFiltersDto }) filters!: DashboardFiltersDto;
  @ApiProperty() widgetCount!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class DashboardResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, type: String }) prebuiltKey!: string | null;
  @ApiProperty({ type: DashboardFiltersDto }) filters!: DashboardFiltersDto;
  @ApiProperty({ type: [WidgetResponse] }) widgets!: WidgetResponse[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

/** `GET /v1/dashboards/:id/data` and `/live` query string: overrides of the stored filters for this call. */
export class DashboardDataQueryDto {
  @ApiPropertyOptional({ enum: RELATIVE_PERIODS })
  @IsOptional()
  @IsIn(RELATIVE_PERIODS)
  period?: string;

  @ApiPropertyOptional({ example: '2026-03-01' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: '$property must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: '$property must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  compare?: string;
}
