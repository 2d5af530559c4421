import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StickinessResult, StickinessWeek } from '@pulse/analytics-core';
import { IsDefined, IsOptional, IsString, Length, Matches } from 'class-validator';

export class StickinessRequestDto {
  @ApiProperty({ description: "A Monday (local date in the tenant's time zone): the first week", example: '2026-03-02' })
  @IsDefined()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ description: 'A later Monday (exclusive): whole weeks, at most 26', example: '2026-03-30' })
  @IsDefined()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ description: 'Only this event type makes a day active; any event when absent', example: 'app_opened' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  eventType?: string;
}

export class StickinessWeekResponse implements StickinessWeek {
  @ApiProperty({ example: '2026-03-02' }) weekStart!: string;
  @ApiProperty({ description: 'Persons active at least one day (WAU)' }) activeUsers!: number;
  @ApiProperty({ type: [Number], description: 'Index k: persons active on k + 1 distinct local days (1 … 7)' }) usersByActiveDays!: number[];
  @ApiProperty({ nullable: true, type: Number }) averageActiveDays!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean DAU / WAU = averageActiveDays / 7' }) dauOverWau!: number | null;
}

export class StickinessResponse implements StickinessResult {
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ type: [StickinessWeekResponse] }) weeks!: StickinessWeekResponse[];
  @ApiProperty({ type: [Number], description: 'The weekly distributions added up (person-weeks)' }) usersByActiveDays!: number[];
  @ApiProperty({ nullable: true, type: Number }) averageActiveDays!: number | null;
  @ApiProperty({ nullable: true, type: Number }) dauOverWau!: number | null;
}
