import { ApiProperty } from '@nestjs/swagger';
import type { RetentionCohort, RetentionPeriod } from '@pulse/analytics-core';

export class RetentionCohortResponse implements RetentionCohort {
  @ApiProperty({ description: 'Local date the cohort period begins on', example: '2026-03-02' }) periodStart!: string;
  @ApiProperty({ example: 40 }) size!: number;
  @ApiProperty({ description: 'Index k: persons back k periods later (0 = size)', type: [Number] }) counts!: number[];
  @ApiProperty({ description: 'counts / size', type: [Number] }) percentages!: number[];
}

export class RetentionResponse {
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ enum: ['day', 'week', 'month'] }) period!: RetentionPeriod;
  @ApiProperty({ type: [RetentionCohortResponse] }) cohorts!: RetentionCohortResponse[];
}
