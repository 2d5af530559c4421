import { IsOptional } from 'class-validator';
import {
  IsCount,
  IsIdentifier,
  IsRequired,
  IsText,
} from '../../validation/property-rules';

/**
 * Import job lifecycle (content analytics spec: success/failure rates, performance per source,
 * data quality). Record counts let the processor compute failure rates; durations are in ms.
 */
export class ImportJobProperties {
  @IsRequired() @IsIdentifier() readonly job_id!: string;
  /** Where the records come from: csv_upload, wordpress, s3… */
  @IsRequired() @IsText(128) readonly source!: string;
}

export class ImportStartedProperties extends ImportJobProperties {
  @IsOptional() @IsCount() readonly records_total?: number;
}

export class ImportCompletedProperties extends ImportJobProperties {
  @IsRequired() @IsCount() readonly records_processed!: number;
  @IsRequired() @IsCount() readonly records_failed!: number;
  @IsRequired() @IsCount() readonly duration_ms!: number;
}

export class ImportFailedProperties extends ImportJobProperties {
  @IsRequired() @IsText(1024) readonly error_message!: string;
  @IsOptional() @IsText(128) readonly error_code?: string;
  @IsOptional() @IsCount() readonly records_processed?: number;
  @IsOptional() @IsCount() readonly duration_ms?: number;
}
