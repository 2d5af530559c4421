import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { GRID, REFRESH_SECONDS, WIDGET_TYPES } from './widget-types';

export class WidgetPositionDto {
  @ApiProperty({ minimum: 0, maximum: GRID.columns - 1, description: 'Column of the left edge (12-column grid)' })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(GRID.columns - 1)
  x!: number;

  @ApiProperty({ minimum: 0, description: 'Row of the top edge' })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(10_000)
  y!: number;

  @ApiProperty({ minimum: 1, maximum: GRID.columns, description: 'Columns wide; x + w ≤ 12' })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(GRID.columns)
  w!: number;

  @ApiProperty({ minimum: 1, maximum: GRID.maxHeight, description: 'Rows high' })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(GRID.maxHeight)
  h!: number;
}

/** `POST /v1/dashboards/:id/widgets`. */
export class WidgetDto {
  @ApiProperty({ enum: WIDGET_TYPES })
  @IsDefined()
  @IsIn(WIDGET_TYPES)
  type!: string;

  @ApiProperty({ example: 'Orders' })
  @IsDefined()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ type: Object, description: 'Per type (see the dashboards README); none for text' })
  @IsOptional()
  @IsObject()
  query?: Record<string, unknown>;

  @ApiPropertyOptional({ type: Object, description: 'text: { text }; anomaly_band: { method, sensitivity }; forecast: { horizon }; other keys kept as drawing hints' })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;

  @ApiPropertyOptional({ type: WidgetPositionDto, description: 'Below the last widget, 6 × 4, when omitted' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WidgetPositionDto)
  position?: WidgetPositionDto;

  @ApiPropertyOptional({ nullable: true, minimum: REFRESH_SECONDS.min, maximum: REFRESH_SECONDS.max })
  @ValidateIf((_widget, value) => value !== null && value !== undefined)
  @IsInt()
  @Min(REFRESH_SECONDS.min)
  @Max(REFRESH_SECONDS.max)
  refreshSeconds?: number | null;

  @ApiPropertyOptional({ minimum: 0, description: 'Place among the widgets; after the last when omitted' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  order?: number;
}

/** `PUT /v1/dashboards/:id/widgets/:widgetId`: the fields given replace the stored ones (`{ position }` moves or resizes). */
export class WidgetUpdateDto extends PartialType(WidgetDto) {}

export class WidgetResponse {
  @ApiProperty() id!: string;
  @ApiProperty() dashboardId!: string;
  @ApiProperty({ enum: WIDGET_TYPES }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Object, nullable: true }) query!: Record<string, unknown> | null;
  @ApiProperty({ type: Object }) options!: Record<string, unknown>;
  @ApiProperty({ type: WidgetPositionDto }) position!: WidgetPositionDto;
  @ApiProperty({ nullable: true, type: Number }) refreshSeconds!: number | null;
  @ApiProperty() order!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
