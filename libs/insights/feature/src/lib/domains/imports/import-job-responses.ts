import { ApiProperty } from '@nestjs/swagger';
import type { ImportJobSummary } from '@pulse/analytics-core';
import { DateRangeResponse } from '../shared/date-range.response';

export class ImportJobSummaryResponse implements ImportJobSummary {
  @ApiProperty({ description: 'Jobs with an event in the range' }) jobs!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ description: 'Started, not finished' }) running!: number;
  @ApiProperty({ description: 'completed / (completed + failed)' }) successRate!: number;
  @ApiProperty({ description: 'failed / (completed + failed)' }) failureRate!: number;
  @ApiProperty() recordsProcessed!: number;
  @ApiProperty() recordsFailed!: number;
  @ApiProperty({ description: 'recordsFailed / recordsProcessed' }) recordFailureRate!: number;
  @ApiProperty({ nullable: true, description: 'Mean duration_ms of finished jobs' }) averageDurationMs!: number | null;
  @ApiProperty({ nullable: true, description: 'percentile_cont(0.95) of duration_ms' }) p95DurationMs!: number | null;
}

export class ImportSourceResponse extends ImportJobSummaryResponse {
  @ApiProperty({ example: 'wordpress' }) source!: string;
}

export class ImportJobsResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: ImportJobSummaryResponse }) total!: ImportJobSummaryResponse;
  @ApiProperty({ type: [ImportSourceResponse], description: 'Per source, most jobs first' }) bySource!: ImportSourceResponse[];
}
