import { ApiProperty } from '@nestjs/swagger';
import { daysBetweenInclusive, isLocalDate } from '@pulse/analytics-core';
import type { ExportDataset } from '@pulse/storage';
import { IsDefined, IsIn, registerDecorator, type ValidationArguments } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from './export-formats';

export const EXPORT_DATASETS: readonly ExportDataset[] = ['events', 'daily_metrics', 'conversations'];

/** Longest export: a year of local days (366 for a leap year). Larger ones are split by the caller. */
export const MAX_EXPORT_DAYS = 366;

/** `GET /v1/export`: the tenant's local days [from, to) of one dataset in one file format. */
export class ExportQuery {
  @ApiProperty({ description: "First local day (YYYY-MM-DD) in the tenant's time zone, included", example: '2025-03-01' })
  @IsDefined()
  @IsExportDay()
  from!: string;

  @ApiProperty({
    description: `Local day after the last one exported (YYYY-MM-DD), excluded; after from, at most ${MAX_EXPORT_DAYS} days later`,
    example: '2025-04-01',
  })
  @IsDefined()
  @IsExportDay()
  @IsExportEnd()
  to!: string;

  @ApiProperty({ enum: EXPORT_DATASETS })
  @IsDefined()
  @IsIn(EXPORT_DATASETS, { message: `dataset must be one of ${EXPORT_DATASETS.join(', ')}` })
  dataset!: ExportDataset;

  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsDefined()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format!: ExportFormat;
}

function IsExportDay(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a calendar date written YYYY-MM-DD` },
      validator: { validate: (value: unknown) => typeof value === 'string' && isLocalDate(value) },
    });
}

/** to is after from and at most MAX_EXPORT_DAYS later (holds vacuously until both are dates: IsExportDay reports those). */
function IsExportEnd(): PropertyDecorator {
  const days = (args: ValidationArguments, value: unknown): number | undefined => {
    const from = (args.object as Partial<ExportQuery>).from;
    if (typeof value !== 'string' || typeof from !== 'string' || !isLocalDate(value) || !isLocalDate(from)) return undefined;
    return daysBetweenInclusive(from, value) - 1;
  };
  return (target, propertyName) => {
    registerDecorator({
      name: 'isAfterFrom',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'to must be a later day than from (to is excluded)' },
      validator: { validate: (value: unknown, args: ValidationArguments) => (days(args, value) ?? 1) >= 1 },
    });
    registerDecorator({
      name: 'maxRangeDays',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `from … to must span at most ${MAX_EXPORT_DAYS} days` },
      validator: { validate: (value: unknown, args: ValidationArguments) => (days(args, value) ?? 0) <= MAX_EXPORT_DAYS },
    });
  };
}
