import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsISO8601 } from 'class-validator';

/** What every behaviour query over a range takes. */
export class TimeRangeDto {
  @ApiProperty({ description: 'Range start (inclusive), ISO 8601 with offset', example: '2026-03-01T00:00:00Z' })
  @IsDefined()
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ description: 'Range end (exclusive), after from; at most 366 days later', example: '2026-03-08T00:00:00Z' })
  @IsDefined()
  @IsISO8601({ strict: true })
  to!: string;
}
