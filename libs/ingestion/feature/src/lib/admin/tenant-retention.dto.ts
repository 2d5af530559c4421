import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

/** Upper bound of a window: a hundred years (a window is optional; absent or null keeps forever). */
const MAX_DAYS = 36_500;

function Days(): PropertyDecorator {
  return (target, key) => {
    ValidateIf((_object, value) => value !== null && value !== undefined)(target, key);
    IsInt({ message: '$property must be a whole number of days' })(target, key);
    Min(1)(target, key);
    Max(MAX_DAYS)(target, key);
  };
}

export class RollupRetentionDto {
  @ApiPropertyOptional({ nullable: true, example: 7 }) @Days() minute?: number | null;
  @ApiPropertyOptional({ nullable: true, example: 90 }) @Days() hour?: number | null;
  @ApiPropertyOptional({ nullable: true, example: 730 }) @Days() day?: number | null;
  @ApiPropertyOptional({ nullable: true }) @Days() week?: number | null;
  @ApiPropertyOptional({ nullable: true }) @Days() month?: number | null;
}

/** `PUT /v1/admin/tenants/:id/retention`: every window in days; an absent or null one keeps that data forever. */
export class TenantRetentionDto {
  @ApiPropertyOptional({ nullable: true, example: 90, description: 'Raw events (and the funnels’ event-time copy of them)' })
  @Days()
  rawEventsDays?: number | null;

  @ApiPropertyOptional({ type: RollupRetentionDto, description: 'Rollups by granularity' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RollupRetentionDto)
  rollupDays?: RollupRetentionDto;
}
