import { ApiProperty } from '@nestjs/swagger';
import type { LocalDayRange } from '@pulse/analytics-core';

export class DateRangeResponse {
  @ApiProperty({ example: '2025-03-01' }) from!: string;
  @ApiProperty({ example: '2025-03-31' }) to!: string;
  @ApiProperty({ example: 31 }) days!: number;
  @ApiProperty({ description: 'First instant of the range (local midnight of from)', example: '2025-02-28T23:00:00.000Z' }) start!: string;
  @ApiProperty({ description: 'First instant after the range', example: '2025-03-31T22:00:00.000Z' }) end!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
}

export function dateRangeResponse(range: LocalDayRange, timeZone: string): DateRangeResponse {
  return { from: range.from, to: range.to, days: range.days, start: range.start.toISOString(), end: range.end.toISOString(), timeZone };
}
