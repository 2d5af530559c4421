import { ApiProperty } from '@nestjs/swagger';
import type { ModelUsageSummary } from '@pulse/analytics-core';
import { DateRangeResponse } from '../shared/date-range.response';

/** Costs in US cents, as model_usage events report them (`cost_cents`). */
export class ModelUsageSummaryResponse implements ModelUsageSummary {
  @ApiProperty() calls!: number;
  @ApiProperty({ description: 'Calls with success = false' }) failures!: number;
  @ApiProperty({ description: 'failures / calls' }) errorRate!: number;
  @ApiProperty({ description: 'Σ tokens_used' }) tokens!: number;
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty({ description: 'Σ cost_cents (US cents)' }) costCents!: number;
  @ApiProperty() costCentsPerCall!: number;
  @ApiProperty() tokensPerCall!: number;
  @ApiProperty({ nullable: true, description: 'percentile_cont(0.5) of latency_ms' }) latencyP50Ms!: number | null;
  @ApiProperty({ nullable: true }) latencyP95Ms!: number | null;
  @ApiProperty({ nullable: true }) latencyP99Ms!: number | null;
}

export class ModelUsageGroupResponse extends ModelUsageSummaryResponse {
  @ApiProperty({ example: 'openai' }) provider!: string;
  @ApiProperty({ example: 'gpt-4o-mini' }) model!: string;
  @ApiProperty({ example: 'chat_completion' }) operation!: string;
}

export class ModelUsageResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: ModelUsageSummaryResponse }) total!: ModelUsageSummaryResponse;
  @ApiProperty({ type: [ModelUsageGroupResponse], description: 'Per provider, model and operation, most expensive first' })
  byModel!: ModelUsageGroupResponse[];
}

export class HourOfDayCostResponse {
  @ApiProperty({ description: 'Local hour, 0–23' }) hour!: number;
  @ApiProperty() calls!: number;
  @ApiProperty() costCents!: number;
  @ApiProperty({ description: "This hour's part of the cost" }) costShare!: number;
}

export class ModelCostByHourResponse {
  @ApiProperty({ type: DateRangeResponse }) dateRange!: DateRangeResponse;
  @ApiProperty({ type: [HourOfDayCostResponse], description: 'All 24 local hours of the day' }) hours!: HourOfDayCostResponse[];
}
