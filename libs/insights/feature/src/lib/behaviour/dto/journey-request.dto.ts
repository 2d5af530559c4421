import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_PATH_DEPTH } from '@pulse/analytics-core';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { TimeRangeDto } from './time-range.dto';

export const MAX_JOURNEY_LIMIT = 5_000;

export class JourneyQueryDto extends TimeRangeDto {
  @ApiPropertyOptional({ default: 500, minimum: 1, maximum: MAX_JOURNEY_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_JOURNEY_LIMIT)
  limit?: number;
}

export class PathsRequestDto extends TimeRangeDto {
  @ApiProperty({ description: 'Paths start from (next) or lead to (previous) each person’s first such event', example: 'search' })
  @IsDefined()
  @IsString()
  @Length(1, 200)
  anchorEventType!: string;

  @ApiProperty({ enum: ['next', 'previous'] })
  @IsDefined()
  @IsIn(['next', 'previous'])
  direction!: 'next' | 'previous';

  @ApiProperty({ minimum: 1, maximum: MAX_PATH_DEPTH, example: 3 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_PATH_DEPTH)
  depth!: number;
}
