import { ApiProperty } from '@nestjs/swagger';
import { REPORT_RUN_STATUSES, type ReportRunStatus } from '@pulse/reporting-data-access';

export class ReportRunResponse {
  @ApiProperty() id!: string;
  @ApiProperty() reportId!: string;
  @ApiProperty({ enum: REPORT_RUN_STATUSES }) status!: ReportRunStatus;
  @ApiProperty({ description: '0-100: the share of sections written' }) progress!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why the run failed' }) error!: string | null;
  @ApiProperty() format!: string;
  @ApiProperty({ description: 'First local day covered (resolved when the run was asked for)' }) from!: string;
  @ApiProperty({ description: 'Last local day covered' }) to!: string;
  @ApiProperty({ nullable: true, type: String }) fileName!: string | null;
  @ApiProperty({ nullable: true, type: Number }) fileSize!: number | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The schedule that made the run (null: asked for through the API)' })
  scheduleId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The schedule occurrence the run is for' }) occurrenceAt!: string | null;
}
