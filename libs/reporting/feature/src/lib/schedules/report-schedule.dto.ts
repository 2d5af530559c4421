import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { REPORT_PERIODS } from '../reports/report-period';

export const MAX_SCHEDULE_RECIPIENTS = 50;

/** `POST /v1/reports/:id/schedules` and `PUT …/schedules/:scheduleId`. */
export class ReportScheduleDto {
  @ApiProperty({
    example: '0 8 * * 1',
    description: "Five fields (minute hour day-of-month month day-of-week), read in the tenant's time zone",
  })
  @IsString()
  @MaxLength(120)
  cron!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    enum: REPORT_PERIODS,
    description: "Replaces the report's own days for this schedule's runs",
  })
  @IsOptional()
  @IsIn(REPORT_PERIODS)
  period?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['ceo@example.com'],
    description: `Up to ${MAX_SCHEDULE_RECIPIENTS} addresses the file is emailed to`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SCHEDULE_RECIPIENTS)
  @ArrayUnique()
  @IsEmail({}, { each: true, message: 'each value in $property must be an email address' })
  recipients?: string[];

  @ApiPropertyOptional({
    description: 'http(s) URL each finished run is POSTed to, signed (not this service itself)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    {
      protocols: ['http', 'https'],
      require_protocol: true,
      require_tld: false,
      allow_underscores: true,
    },
    { message: '$property must be an http(s) URL' },
  )
  webhookUrl?: string;
}

export class ReportScheduleResponse {
  @ApiProperty() id!: string;
  @ApiProperty() reportId!: string;
  @ApiProperty() cron!: string;
  @ApiProperty({ description: "The tenant's time zone, in which cron is read" })
  timeZone!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ enum: REPORT_PERIODS, nullable: true }) period!: string | null;
  @ApiProperty({ type: [String] }) recipients!: string[];
  @ApiProperty({ nullable: true, type: String }) webhookUrl!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The next occurrence (UTC); null while disabled',
  })
  nextRunAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The occurrence that made the latest run',
  })
  lastRunAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class CreatedReportScheduleResponse extends ReportScheduleResponse {
  @ApiPropertyOptional({
    description: 'Signs the webhooks (`X-Pulse-Signature`); shown only when created (or when a PUT adds the first webhook)',
  })
  webhookSecret?: string;
}
