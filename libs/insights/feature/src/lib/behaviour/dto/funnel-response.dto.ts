import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FUNNEL_ORDERS, FUNNEL_START_MODES, type FunnelBreakdownResult, type FunnelOrder, type FunnelStartMode, type FunnelStepResult } from '@pulse/analytics-core';

export class FunnelStepResponse implements FunnelStepResult {
  @ApiProperty({ example: 2 }) step!: number;
  @ApiProperty({ example: 'cart_viewed' }) eventType!: string;
  @ApiProperty({ description: 'Persons who reached this step', example: 120 }) users!: number;
  @ApiProperty({ description: 'users / users of the previous step (1 for step 1)', nullable: true, type: Number, example: 0.6 }) conversionFromPrevious!: number | null;
  @ApiProperty({ description: 'users / users of step 1', nullable: true, type: Number, example: 0.6 }) conversionFromFirst!: number | null;
  @ApiProperty({ description: 'Reached the previous step but not this one', example: 80 }) droppedUsers!: number;
  @ApiProperty({ description: 'Median seconds from the previous step', nullable: true, type: Number, example: 600 }) medianSecondsFromPrevious!: number | null;
  @ApiProperty({ description: '95th percentile of seconds from the previous step', nullable: true, type: Number, example: 1140 }) p95SecondsFromPrevious!: number | null;
}

export class FunnelBreakdownResponse implements FunnelBreakdownResult {
  @ApiProperty({ description: 'Value of the breakdown property on the step-1 event; null when not set', nullable: true, type: String }) breakdownValue!: string | null;
  @ApiProperty({ type: [FunnelStepResponse] }) steps!: FunnelStepResponse[];
}

export class FunnelResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ description: 'The window asked for (either field), in seconds' }) conversionWindowSeconds!: number;
  @ApiProperty({ enum: FUNNEL_START_MODES }) startMode!: FunnelStartMode;
  @ApiProperty({ enum: FUNNEL_ORDERS, description: 'With any, step k counts the persons who did any k of the steps' }) order!: FunnelOrder;
  @ApiProperty({
    enum: ['event_times', 'raw'],
    description: 'event_times: steps and exclusions without filters and no breakdown, read from the per-day event-time chunks the processor keeps; raw: from the events',
  })
  path!: 'event_times' | 'raw';
  @ApiProperty({ type: [FunnelStepResponse] }) steps!: FunnelStepResponse[];
  @ApiPropertyOptional({ type: [FunnelBreakdownResponse], description: 'Only with breakdownProperty: biggest group (step-1 users) first' }) breakdowns?: FunnelBreakdownResponse[];
}

export class FunnelDroppedUsersResponse {
  @ApiProperty({ example: 3 }) step!: number;
  @ApiProperty({ description: 'Person keys (user id, or anon:<anonymousId>), in code-point order', type: [String] }) users!: string[];
  @ApiProperty({ description: 'All persons who dropped before this step' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
